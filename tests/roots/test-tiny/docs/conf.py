"""Sphinx configuration of the tiny test corpus (a copy of the reader's settings)."""

project = "tiny"
extensions = ["myst_parser", "sphinxcontrib.bibtex", "sourcebook.sphinxext"]
sourcebook_root = ".."
sourcebook_pages_dir = "corpus"
sourcebook_claims_page = "claims"
sourcebook_link_entities = True
source_suffix = {".md": "markdown"}
exclude_patterns = ["_build"]
myst_enable_extensions: list[str] = []
myst_disable_syntax = ["html_block", "html_inline"]
smartquotes = False
bibtex_default_style = "sourcebook"
bibtex_reference_style = "label"
html_theme = "basic"
