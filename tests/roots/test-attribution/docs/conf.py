"""A tiny reader: one generated page citing two keys that make_id rewrites."""

extensions = ["myst_parser", "sphinxcontrib.bibtex", "sourcebook.sphinxext"]
sourcebook_root = ".."
sourcebook_claims_page = ""
source_suffix = {".md": "markdown"}
exclude_patterns = ["_build"]
myst_disable_syntax = ["html_block", "html_inline"]
bibtex_default_style = "sourcebook"
bibtex_reference_style = "sourcebook"
