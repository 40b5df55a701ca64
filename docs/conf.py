"""Sphinx configuration of the sourcebook reader."""

from __future__ import annotations

from sourcebook import __version__

project = "sourcebook"
version = release = __version__
author = "the sourcebook editors"
copyright = "2026, the sourcebook editors; documents under their own licences"

extensions = [
    "myst_parser",
    "sphinxcontrib.bibtex",
    "sourcebook.sphinxext",
]

# -- sourcebook: pages are generated from ../seeds into corpus/ at build start
sourcebook_root = ".."
sourcebook_pages_dir = "corpus"
sourcebook_claims_page = "claims"
sourcebook_link_entities = True
# the contributor's manual, a site of its own (docs/manual, nox -s manual), is built
# beside this book (docs/_build/manual next to docs/_build/html); the {manual} role
sourcebook_manual_url = "../manual/"

# -- sources
source_suffix = {".md": "markdown"}
exclude_patterns = ["_build", "manual", ".nox", ".venv", ".pytest_cache", "**/README.md"]
root_doc = "index"

# -- MyST: untrusted text must never become HTML (SPEC §7.1); no substitutions
myst_enable_extensions: list[str] = []
myst_disable_syntax = ["html_block", "html_inline"]
myst_heading_anchors = 3
# keep the authors' typography exactly: no straight-to-curly quote rewriting
smartquotes = False

# -- bibliography
bibtex_default_style = "sourcebook"
bibtex_reference_style = "sourcebook"
# entry ids that name the key, stable across builds
bibtex_cite_id = "cite-{key}"

# -- HTML
html_theme = "furo"
html_title = "sourcebook"
html_static_path: list[str] = []
html_short_title = "sourcebook"
html_show_sourcelink = False

# -- LaTeX / PDF (xelatex for Unicode typography)
# The reader's book only: documents, claims, glossary, bibliography, about; the
# contributor's documentation is the manual (docs/manual), a publication of its own.
latex_engine = "xelatex"
latex_documents = [("index", "sourcebook.tex", "sourcebook", author, "manual")]
# links stay clickable; printed URLs would add notes that break the per-document numbering
latex_show_urls = "no"
# A4 by default; override with  sphinx-build -D latex_elements.papersize=letterpaper
latex_elements = {
    "papersize": "a4paper",
    "pointsize": "11pt",
    "fontpkg": r"""
\setmainfont{FreeSerif}
\setsansfont{FreeSans}
\setmonofont{FreeMono}
""",
    "preamble": r"""
\usepackage{xurl}% long URLs break where they must
% the PDF's document information (pdfinfo): what a library catalogue or a reader's app shows
\hypersetup{pdftitle={sourcebook: a cited reader of source texts},
  pdfauthor={the sourcebook editors},
  pdfsubject={Source texts on the organisation of the British and international socialist left},
  pdfkeywords={socialism, Trotskyism, political organisation, sources, citations, bibliography},
  bookmarksnumbered=false, bookmarksopen=true, bookmarksopenlevel=1}
\protected\def\sphinxtermref#1{#1}% entity mentions are links, not italics
\makeatletter
% a Chicago reference list: no label column, hanging indent
\renewenvironment{sphinxthebibliography}[1]{\cleardoublepage\phantomsection
  \addcontentsline{toc}{chapter}{\bibname}\begin{thebibliography}{}}{\end{thebibliography}}
\renewcommand\@biblabel[1]{}
\renewcommand\@openbib@code{\leftmargin 1.5em\itemindent -1.5em}
\makeatother
""",
    # a book's title page and running heads: the title and subtitle, the editors and
    # the date of the build, not the package's "Release 0.1.0" (a developer's label)
    "maketitle": r"""\makeatletter\renewcommand{\py@release}{}\makeatother
\renewcommand{\sphinxheadercomma}{}
\begin{titlepage}\centering
\vspace*{0.22\textheight}
{\Huge\bfseries sourcebook\par}\vspace{1.2em}
{\Large A Cited Reader of Source Texts\\ on the Organisation of the Socialist Left\par}
\vfill
{\large The sourcebook editors, eds.\par}\vspace{0.6em}
{\large \today\par}
\end{titlepage}""",
    # Sphinx names the contents after the first toctree caption; a book says "Contents"
    "tableofcontents": r"\renewcommand{\contentsname}{Contents}\sphinxtableofcontents",
    "sphinxsetup": "InnerLinkColor={rgb}{0.1,0.2,0.45}, OuterLinkColor={rgb}{0.1,0.2,0.45}",
}

# -- EPUB 3 (nox -s epub): the same book; EPUBCheck 0 fatal / 0 errors (tests/test_epub.py)
epub_title = "sourcebook: a cited reader of source texts"
epub_author = author
epub_publisher = author
epub_copyright = copyright
epub_description = (
    "Four source texts on the organisation of the socialist left, exactly as received, "
    "with their notes, flagged claims, a glossary and one bibliography."
)
epub_language = "en"
# Sphinx writes epub_uid into toc.ncx where EPUBCheck expects the identifier: keep them equal
epub_identifier = epub_uid = "sourcebook-reader"
# links stay links; printed URLs would interrupt the sentences (as in the PDF)
epub_show_urls = "no"
epub_basename = "sourcebook"
