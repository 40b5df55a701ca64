"""Sphinx configuration of the contributor's and developer's manual.

A site of its own, apart from the reader's book in ``docs/``: the file
formats, the checker's codes, the normaliser, the extension's configuration,
performance and the bibliography check.  ``nox -s manual`` builds it into
``docs/_build/manual``, next to the book's ``docs/_build/html``; links to the
book use the ``{book}`` role, relative to that layout (override ``BOOK`` when
the two are published elsewhere).
"""

from __future__ import annotations

project = "sourcebook manual"
author = "the sourcebook editors"
copyright = "2026, the sourcebook editors"

extensions = ["myst_parser", "sphinx.ext.extlinks", "sourcebook.sphinxext.manual"]

#: where the reader's book is, relative to this manual's pages
BOOK = "../html/"
extlinks = {"book": (BOOK + "%s", "%s")}

source_suffix = {".md": "markdown"}
exclude_patterns = ["_build", "**/README.md"]
root_doc = "index"
myst_enable_extensions: list[str] = []
myst_disable_syntax = ["html_block", "html_inline"]
myst_heading_anchors = 3
smartquotes = False

html_theme = "furo"
html_title = "sourcebook manual"
html_short_title = "sourcebook manual"
html_show_sourcelink = False

latex_engine = "xelatex"
latex_documents = [("index", "sourcebook-manual.tex", "sourcebook manual", author, "manual")]
latex_show_urls = "no"
latex_elements = {
    "papersize": "a4paper",
    "pointsize": "11pt",
    "fontpkg": "\\setmainfont{FreeSerif}\n\\setsansfont{FreeSans}\n\\setmonofont{FreeMono}\n",
    "preamble": r"""
\usepackage{xurl}% long URLs break where they must
% inline code (field names, checker codes, paths) may break after - and _ too, as it
% does after . , ; / : the manual's tables hold long identifiers in narrow columns
\protected\def\sbliteralhyphen#1{-\allowbreak}
\renewcommand*{\sphinxhyphenininlineliteral}{\sbliteralhyphen}
\let\sbunderscore\_
\protected\def\_{\sbunderscore\allowbreak}
\pdfstringdefDisableCommands{\def\_{\textunderscore}}
\setlength{\emergencystretch}{2em}
\setlength{\headheight}{13.6pt}% the running head's 11 pt line (fancyhdr asks for 13.6 pt)
""",
}
