"""The BibTeX and biblatex data models, as data: entry types, fields, aliases.

Sources: the BibTeX documentation (Patashnik, *BibTeXing*, 1988: the
standard types and fields) and the biblatex manual (section 2: entry types,
fields, aliases).  A file may mix the two dialects -- Zotero Better BibTeX
and JabRef exports often do -- so a type or field is known when either model
knows it.  The reader renders through pybtex's BibTeX styles, so
:func:`sourcebook.bib.styleview.bibtex_view` maps biblatex types and fields
onto their BibTeX counterparts (``journaltitle`` -> ``journal``, ``date`` ->
``year``, ...).

>>> known_type("phdthesis"), known_type("www"), known_type("video"), unsupported_type("video")
(True, True, False, True)
>>> known_field("journaltitle"), known_field("titel"), suggest_field("titel")
(True, False, 'title')
>>> suggest_type("artcle")
'article'
"""

from __future__ import annotations

import difflib
import re

#: BibTeX's standard types -> required field groups (one field of each group)
BIBTEX_TYPES: dict[str, tuple[tuple[str, ...], ...]] = {
    "article": (("author",), ("title",), ("journal",), ("year",)),
    "book": (("author", "editor"), ("title",), ("publisher",), ("year",)),
    "booklet": (("title",),),
    "conference": (("author",), ("title",), ("booktitle",), ("year",)),
    "inbook": (("author", "editor"), ("title",), ("chapter", "pages"), ("publisher",), ("year",)),
    "incollection": (("author",), ("title",), ("booktitle",), ("publisher",), ("year",)),
    "inproceedings": (("author",), ("title",), ("booktitle",), ("year",)),
    "manual": (("title",),),
    "mastersthesis": (("author",), ("title",), ("school",), ("year",)),
    "misc": (),
    "phdthesis": (("author",), ("title",), ("school",), ("year",)),
    "proceedings": (("title",), ("year",)),
    "techreport": (("author",), ("title",), ("institution",), ("year",)),
    "unpublished": (("author",), ("title",), ("note",)),
}

#: biblatex's types -> required field groups (biblatex manual 2.1.1; ``date`` or ``year``)
_DATED = ("date", "year")
BIBLATEX_REQUIRED: dict[str, tuple[tuple[str, ...], ...]] = {
    "article": (("author",), ("title",), ("journaltitle",), _DATED),
    "book": (("author",), ("title",), _DATED),
    "mvbook": (("author",), ("title",), _DATED),
    "inbook": (("author",), ("title",), ("booktitle",), _DATED),
    "bookinbook": (("author",), ("title",), ("booktitle",), _DATED),
    "suppbook": (("author",), ("title",), ("booktitle",), _DATED),
    "booklet": (("author", "editor"), ("title",), _DATED),
    "collection": (("editor",), ("title",), _DATED),
    "mvcollection": (("editor",), ("title",), _DATED),
    "incollection": (("author",), ("title",), ("booktitle",), _DATED),
    "suppcollection": (("author",), ("title",), ("booktitle",), _DATED),
    "dataset": (("author", "editor"), ("title",), _DATED),
    "manual": (("author", "editor"), ("title",), _DATED),
    "misc": (("author", "editor"), ("title",), _DATED),
    "online": (("author", "editor"), ("title",), _DATED, ("doi", "eprint", "url")),
    "patent": (("author",), ("title",), ("number",), _DATED),
    "periodical": (("editor",), ("title",), _DATED),
    "proceedings": (("title",), _DATED),
    "mvproceedings": (("title",), _DATED),
    "inproceedings": (("author",), ("title",), ("booktitle",), _DATED),
    "reference": (("editor",), ("title",), _DATED),
    "mvreference": (("editor",), ("title",), _DATED),
    "inreference": (("author",), ("title",), ("booktitle",), _DATED),
    "report": (("author",), ("title",), ("type",), ("institution",), _DATED),
    "software": (("author", "editor"), ("title",), _DATED),
    "thesis": (("author",), ("title",), ("type",), ("institution",), _DATED),
    "unpublished": (("author",), ("title",), _DATED),
}
#: a field and the other dialect's name for it: either satisfies a requirement
SAME_FIELD: dict[str, tuple[str, ...]] = {
    "journal": ("journal", "journaltitle"),
    "journaltitle": ("journaltitle", "journal"),
    "year": ("year", "date"),
    "date": ("date", "year"),
    "school": ("school", "institution"),
    "institution": ("institution", "school"),
}


def model_required(type_name: str) -> tuple[tuple[str, ...], ...] | None:
    """The required field groups of *type_name*: BibTeX's for its standard types
    (the dialect most exports of those types follow), else biblatex's (aliases
    resolved), else ``None`` for a type no model knows.

    >>> model_required("phdthesis")[2], model_required("online")[3]
    (('school',), ('doi', 'eprint', 'url'))
    """
    lower = type_name.lower()
    if lower in BIBTEX_TYPES:
        return BIBTEX_TYPES[lower]
    return BIBLATEX_REQUIRED.get(BIBLATEX_TYPE_ALIASES.get(lower, lower))


BIBTEX_FIELDS = frozenset(
    [
        "address",
        "annote",
        "author",
        "booktitle",
        "chapter",
        "crossref",
        "edition",
        "editor",
        "howpublished",
        "institution",
        "journal",
        "key",
        "month",
        "note",
        "number",
        "organization",
        "pages",
        "publisher",
        "school",
        "series",
        "title",
        "type",
        "volume",
        "year",
    ]
)

#: biblatex types with a driver in the standard styles
BIBLATEX_TYPES = frozenset(
    [
        "article",
        "book",
        "mvbook",
        "inbook",
        "bookinbook",
        "suppbook",
        "booklet",
        "collection",
        "mvcollection",
        "incollection",
        "suppcollection",
        "dataset",
        "manual",
        "misc",
        "online",
        "patent",
        "periodical",
        "suppperiodical",
        "proceedings",
        "mvproceedings",
        "inproceedings",
        "reference",
        "mvreference",
        "inreference",
        "report",
        "set",
        "software",
        "thesis",
        "unpublished",
        "xdata",
        "customa",
        "customb",
        "customc",
        "customd",
        "custome",
        "customf",
    ]
)
#: biblatex type aliases -> the type they stand for
BIBLATEX_TYPE_ALIASES: dict[str, str] = {
    "conference": "inproceedings",
    "electronic": "online",
    "mastersthesis": "thesis",
    "phdthesis": "thesis",
    "techreport": "report",
    "www": "online",
}
#: types biblatex knows but its standard styles have no driver for (rendered as misc)
BIBLATEX_UNSUPPORTED_TYPES = frozenset(
    [
        "artwork",
        "audio",
        "bibnote",
        "commentary",
        "image",
        "jurisdiction",
        "legislation",
        "legal",
        "letter",
        "movie",
        "music",
        "performance",
        "review",
        "standard",
        "video",
    ]
)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


BIBLATEX_FIELDS = _words(
    # data fields and lists (biblatex manual 2.2.2)
    "abstract addendum afterword annotation annotator author authortype bookauthor "
    "bookpagination booksubtitle booktitle booktitleaddon chapter commentator date doi "
    "edition editor editora editorb editorc editortype editoratype editorbtype editorctype "
    "eid entrysubtype eprint eprintclass eprinttype eventdate eventtitle eventtitleaddon "
    "file foreword holder howpublished indextitle institution introduction isan isbn ismn "
    "isrn issn issue issuesubtitle issuetitle issuetitleaddon iswc journalsubtitle "
    "journaltitle journaltitleaddon label language library location mainsubtitle maintitle "
    "maintitleaddon month nameaddon note number organization origdate origlanguage "
    "origlocation origpublisher origtitle pages pagetotal pagination part publisher pubstate "
    "reprinttitle series shortauthor shorteditor shorthand shorthandintro shortjournal "
    "shortseries shorttitle subtitle title titleaddon translator type url urldate venue "
    "version volume volumes year "
    # special fields (2.2.3)
    "crossref entryset execute gender langid langidopts ids indexsorttitle keywords options "
    "presort related relatedoptions relatedtype relatedstring sortkey sortname sortshorthand "
    "sorttitle sortyear xdata xref "
    # custom fields (2.2.4)
    "namea nameb namec nameatype namebtype namectype lista listb listc listd "
    "liste listf usera userb userc userd usere userf verba verbb verbc "
    # biblatex's field aliases (2.2.5)
    "address annote archiveprefix journal key pdf primaryclass school"
)

#: fields that reference manager exports write (Zotero/Better BibTeX, JabRef,
#: Mendeley, BibDesk, CiteULike, BibSonomy), Nelson Beebe's bibliographies
#: (TUGboat and many journal archives) and the project's own fields
TOOL_FIELDS = _words(
    "affiliation keywords abstract annotation copyright lccn mrnumber mrclass zbl pmid "
    "pmcid arxivid eprinttype archive archive_location archivelocation callnumber extra "
    "timestamp owner groups ranking readstatus printed priority qualityassured relevance "
    "comment comments review citeulike-article-id citeulike-linkout-0 "
    "citeulike-linkout-1 added-at biburl interhash intrahash bibsource posted-at "
    "local-url ee mendeley-tags mendeley-groups shortjournal shorttitle language country "
    "langid urldate day pst isrn bibdate acknowledgement journal-url issn-l remark coden "
    "fjournal zmnumber classification subject onlinedate "
)
#: prefixes of tool fields that come numbered or namespaced (``bdsk-url-1``, ``x-color``)
TOOL_FIELD_PREFIXES = ("bdsk-", "x-", "date-", "citeulike-", "mendeley-", "jabref-", "zotero-")

ALL_TYPES = frozenset(BIBTEX_TYPES) | BIBLATEX_TYPES | frozenset(BIBLATEX_TYPE_ALIASES)
ALL_FIELDS = BIBTEX_FIELDS | BIBLATEX_FIELDS | TOOL_FIELDS
_NUMBERED = re.compile(r"(.+?)-?\d+")
#: biblatex data annotations: ``author+an``, ``title+an:default``
_ANNOTATION = re.compile(r"(.+?)\+an(?::[\w-]+)?")


def known_type(name: str) -> bool:
    return name.lower() in ALL_TYPES


def unsupported_type(name: str) -> bool:
    return name.lower() in BIBLATEX_UNSUPPORTED_TYPES


def known_field(name: str) -> bool:
    lower = name.lower()
    if lower in ALL_FIELDS or lower.startswith(TOOL_FIELD_PREFIXES):
        return True
    annotated = _ANNOTATION.fullmatch(lower)
    if annotated is not None:
        return annotated.group(1) in ALL_FIELDS
    numbered = _NUMBERED.fullmatch(lower)  # url2, file-1: repeated tool fields
    return numbered is not None and numbered.group(1) in ALL_FIELDS


def _suggest(name: str, choices: frozenset[str]) -> str | None:
    close = difflib.get_close_matches(name.lower(), sorted(choices), n=1, cutoff=0.75)
    return close[0] if close else None


def suggest_type(name: str) -> str | None:
    return _suggest(name, ALL_TYPES | BIBLATEX_UNSUPPORTED_TYPES)


def suggest_field(name: str) -> str | None:
    return _suggest(name, ALL_FIELDS)


def extended_name(text: str) -> dict[str, str] | None:
    """The parts of a biblatex extended-format name, or None for a BibTeX name.

    >>> extended_name("family=Berg, given=Pieter, prefix=van den")
    {'family': 'Berg', 'given': 'Pieter', 'prefix': 'van den'}
    >>> extended_name("Berg, Pieter") is None
    True
    """
    if "=" not in text:
        return None
    pairs = [part.split("=", 1) for part in text.split(",")]
    if len(pairs) < 1 or not all(len(pair) == 2 for pair in pairs):
        return None
    parts = {key.strip().lower(): value.strip() for key, value in pairs}
    return parts if "family" in parts else None


def bibtex_name(parts: dict[str, str]) -> str:
    """An extended-format name written the BibTeX way: ``von Last, Jr, First``.

    >>> bibtex_name({"family": "Berg", "given": "Pieter", "prefix": "van den"})
    'van den Berg, Pieter'
    >>> bibtex_name({"family": "King", "given": "Martin Luther", "suffix": "Jr."})
    'King, Jr., Martin Luther'
    """
    last = " ".join(filter(None, (parts.get("prefix"), parts["family"])))
    return ", ".join(filter(None, (last, parts.get("suffix"), parts.get("given"))))
