"""User errors as data: one record type, one code list, one formatter.

Parsers and checkers never raise for bad input; they return
:class:`Diagnostic` records and carry on, so one broken file does not hide
the problems of the others.  Only bugs in sourcebook itself raise.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Severity(enum.StrEnum):
    ERROR = "error"
    WARNING = "warning"


class Code(enum.Enum):
    """Stable diagnostic codes.  The value is ``(code, severity)``."""

    # -- reading seeds (SB1xx)
    EMPTY_FILE = ("SB101", Severity.ERROR)
    """The seed is empty or holds only white space; a contributor TOML file holds no key."""
    NOT_UTF8 = ("SB102", Severity.ERROR)
    """The seed is not valid UTF-8."""
    BINARY = ("SB103", Severity.ERROR)
    """The seed or the bibliography holds NUL or other control bytes: not a text file."""
    CRLF = ("SB104", Severity.ERROR)
    """The seed or the bibliography uses CR or CRLF line ends; they are stored with LF."""
    BOM = ("SB105", Severity.ERROR)
    """The seed or the bibliography starts with a byte-order mark."""
    UNBALANCED_BRACKET = ("SB106", Severity.ERROR)
    """A ``[`` that looks like a marker is never closed."""
    ORPHAN_MARKER = ("SB107", Severity.ERROR)
    """A marker stands where there is no sentence before it to attach to."""
    SEED_MISSING = ("SB108", Severity.ERROR)
    """The manifest names a seed or apparatus file that does not exist."""
    SHA_MISMATCH = ("SB109", Severity.ERROR)
    """The seed's sha256 differs from the one in the manifest."""
    # -- seed paths and sizes (SB110-SB119)
    PATH_NOT_RELATIVE = ("SB110", Severity.ERROR)
    """A manifest ``file`` or ``apparatus`` is not a plain relative name inside ``seeds/``."""
    PATH_ESCAPES = ("SB111", Severity.ERROR)
    """A seed path resolves, through a symbolic link, to a place outside ``seeds/``."""
    NOT_REGULAR_FILE = ("SB112", Severity.ERROR)
    """A seed path names a directory, device, FIFO, socket or hard link, not a plain file."""
    FILE_TOO_LARGE = ("SB113", Severity.ERROR)
    """A seed, contributor TOML file or the bibliography is over its size or entry limit."""

    # -- manifest and apparatus (SB2xx)
    MANIFEST_SYNTAX = ("SB201", Severity.ERROR)
    """The manifest, an apparatus file or the entities file is not valid TOML."""
    MANIFEST_FIELD = ("SB202", Severity.ERROR)
    """A manifest field is missing or has the wrong type or value."""
    DUPLICATE_DOCUMENT = ("SB203", Severity.ERROR)
    """Two manifest entries share a slug."""
    MARKER_NOT_IN_TEXT = ("SB204", Severity.ERROR)
    """The apparatus maps a marker that does not occur in the seed."""
    MARKER_NOT_MAPPED = ("SB205", Severity.ERROR)
    """A marker of the seed has no apparatus entry at all."""
    BAD_CONFIDENCE = ("SB206", Severity.ERROR)
    """An apparatus confidence is neither ``established`` nor ``inferred``."""
    # -- contributor-file schemas: manifest, apparatus, entities, baseline (SB207-SB249)
    TOML_ENCODING = ("SB207", Severity.ERROR)
    """A contributor TOML file is not UTF-8 text without a byte-order mark."""
    TOML_TOO_DEEP = ("SB208", Severity.ERROR)
    """A contributor TOML file nests arrays or tables deeper than its schema allows."""
    UNKNOWN_FIELD = ("SB209", Severity.ERROR)
    """A key the file's schema does not define (a typo such as ``titel``)."""
    REQUIRED_FIELD = ("SB210", Severity.ERROR)
    """A table lacks a key its schema requires."""
    WRONG_TYPE = ("SB211", Severity.ERROR)
    """A value has the wrong TOML type or shape (``[marker]`` for ``[[marker]]``)."""
    BAD_VALUE = ("SB212", Severity.ERROR)
    """A value has the right type but not the right form (date, URL, slug, key, choice, size)."""
    UNSAFE_CHARACTER = ("SB213", Severity.ERROR)
    """A string, seed or the bibliography holds a bidirectional, control or invisible character."""
    MIXED_SCRIPT = ("SB214", Severity.ERROR)
    """A word mixes Latin, Greek or Cyrillic letters (a homoglyph spoof)."""
    CONFUSABLE = ("SB215", Severity.ERROR)
    """Two different names or identifiers look alike (same confusables skeleton)."""
    BAD_VERSION = ("SB216", Severity.ERROR)
    """The file's ``version`` is not one this sourcebook reads."""
    DUPLICATE_ID = ("SB217", Severity.ERROR)
    """Two entries of one file share an id or a name (entities, subjects)."""
    FILE_UNREADABLE = ("SB218", Severity.ERROR)
    """A contributor TOML file is missing or cannot be read."""
    LAYOUT_STRAY = ("SB219", Severity.ERROR)
    """A file or folder the corpus layout does not know (a stray file in a document folder)."""
    LAYOUT_NAME = ("SB220", Severity.ERROR)
    """A folder or file name that is not its slug, id or key (or disagrees with its content)."""
    OLD_LAYOUT = ("SB221", Severity.ERROR)
    """The flat layout (``seeds/manifest.toml`` ...): convert it with ``nox -s migrate``."""

    # -- bibliography (SB3xx)
    BIB_SYNTAX = ("SB301", Severity.ERROR)
    """The BibTeX file cannot be parsed."""
    DUPLICATE_KEY = ("SB302", Severity.ERROR)
    """Two bibliography entries share a key."""
    UNKNOWN_KEY = ("SB303", Severity.ERROR)
    """A key is cited that the bibliography does not define."""
    MISSING_FIELD = ("SB304", Severity.ERROR)
    """An entry lacks a field its type requires."""
    BAD_DATE = ("SB305", Severity.ERROR)
    """A year, month or date field is malformed."""
    BAD_ISBN = ("SB306", Severity.ERROR)
    """An ISBN or ISSN has a bad checksum or format."""
    UNSAFE_URL = ("SB307", Severity.ERROR)
    """A URL is malformed or its scheme is not http or https."""
    UNSAFE_TEXT = ("SB308", Severity.ERROR)
    """A bibliography field holds markup or TeX commands that could become active."""
    # -- bibliography data model and syntax (SB309-SB399)
    BIB_NO_KEY = ("SB309", Severity.ERROR)
    """A bibliography entry has no key (``@article{title = ...``)."""
    BIB_COMMENTED_ENTRY = ("SB310", Severity.ERROR)
    """An entry head follows ``%``: BibTeX has no comments, so the entry is still read."""
    BIB_UNDEFINED_MACRO = ("SB311", Severity.ERROR)
    """A field value uses an ``@string`` name that is not defined."""
    BIB_BAD_KEY = ("SB312", Severity.ERROR)
    """An entry key breaks the key grammar (backticks, braces, non-ASCII, ...)."""
    BIB_UNKNOWN_TYPE = ("SB313", Severity.ERROR)
    """An entry type is in neither the BibTeX nor the biblatex data model."""
    BIB_UNSUPPORTED_TYPE = ("SB314", Severity.WARNING)
    """A biblatex type without a driver in the standard styles; rendered as ``@misc``."""
    BIB_UNKNOWN_FIELD = ("SB315", Severity.WARNING)
    """A field is in neither data model (nor a known tool's export)."""
    BIB_MISSING_TARGET = ("SB316", Severity.ERROR)
    """A ``crossref``/``xref``/``xdata``/``related`` target is not in the file."""
    BIB_REFERENCE_CYCLE = ("SB317", Severity.ERROR)
    """``crossref``/``xref``/``xdata`` links form a cycle."""
    BIB_FIELD_SHAPE = ("SB318", Severity.WARNING)
    """A ``volume``, ``number`` or ``pages`` value has an implausible shape."""
    BIB_DUPLICATE_FIELD = ("SB319", Severity.ERROR)
    """An entry sets the same field twice; only the first is used."""
    BIB_PREAMBLE = ("SB320", Severity.ERROR)
    """An ``@preamble`` holds TeX that could become active."""
    BIB_TEX_FORMATTING = ("SB321", Severity.WARNING)
    """A harmless TeX formatting command the reader shows literally (``\\emph``)."""
    BIB_NAME = ("SB322", Severity.WARNING)
    """A name list holds an empty or malformed name."""
    BIB_STRAY_TEXT = ("SB323", Severity.ERROR)
    """Field-like text follows an entry's end: a stray ``}`` closed it early."""
    BIB_DUPLICATE_STRING = ("SB324", Severity.WARNING)
    """An ``@string`` name is defined twice; the later one wins."""
    BIB_STRAY_AT = ("SB325", Severity.ERROR)
    """An ``@`` outside any entry starts no entry; BibTeX tries to read one there."""
    BIB_EXTENDED_NAME = ("SB326", Severity.ERROR)
    """A biblatex extended name with more than three parts, which pybtex cannot read."""
    BIB_MODEL_REQUIRED = ("SB327", Severity.WARNING)
    """An entry lacks a field its type requires in the BibTeX or biblatex data model."""
    FETCH_MISMATCH = ("SB328", Severity.ERROR)
    """(``source verify``) An entry differs from what its recorded fetch gives."""

    # -- claims and the ratchet (SB4xx)
    RATCHET = ("SB401", Severity.ERROR)
    """More unresolved flagged claims (or unmapped markers) than the baseline."""
    BASELINE_STALE = ("SB402", Severity.WARNING)
    """Fewer unresolved claims than the baseline: lower it."""
    BASELINE_SYNTAX = ("SB403", Severity.ERROR)
    """The baseline file is unreadable."""
    BASELINE_NOT_WRITTEN = ("SB404", Severity.ERROR)
    """``--update-baseline`` refused to write: the corpus has errors to fix first."""
    # -- contributor workflow: ratchet, baseline, review (SB405-SB449)
    BASELINE_RAISE_REFUSED = ("SB405", Severity.ERROR)
    """``--update-baseline`` would raise a count; refused without ``--allow-increase``."""
    BASELINE_NOT_CURRENT = ("SB406", Severity.ERROR)
    """(CI) The committed baseline is not what ``--update-baseline`` would write."""
    MERGE_BASE = ("SB407", Severity.ERROR)
    """The merge base, or its baseline, cannot be read from git."""
    NOT_CANONICAL = ("SB408", Severity.ERROR)
    """``fmt --check``: a file is not in canonical order and form."""
    AFFILIATION_CONTRADICTS = ("SB409", Severity.ERROR)
    """An explicit ``affiliation`` field contradicts the source's URL or publisher."""
    SUBJECT_DOMAIN = ("SB410", Severity.ERROR)
    """A subject's domain is a public suffix (``co.uk``, ``github.io``): it would claim everyone."""
    WRITE_REFUSED = ("SB411", Severity.ERROR)
    """``add``, ``cite`` or ``fmt`` refused to write: nothing was changed."""
    SEED_LAYOUT_LOSS = ("SB412", Severity.ERROR)
    """The seed's layout does not fit its kind and a marker would be lost (no title line)."""
    SEED_REHASHED = ("SB413", Severity.ERROR)
    """(``--against``) A seed's bytes changed without a new revision record."""
    FLAG_REMOVED = ("SB414", Severity.ERROR)
    """(``--against``) A flag or marker left a seed changed without a revision record."""
    RESOLVED_WITHOUT_SOURCE = ("SB415", Severity.ERROR)
    """(``--against``) A claim counts as resolved because outlets or fields changed, not sources."""

    # -- warnings (SB5xx)
    UNUSED_ENTRY = ("SB501", Severity.WARNING)
    """A bibliography entry nobody cites."""
    INFERRED = ("SB502", Severity.WARNING)
    """An attribution is inferred, not established."""
    INDEPENDENCE_UNKNOWN = ("SB503", Severity.WARNING)
    """A source's independence from the document's subject is unknown."""
    UNKNOWN_SOURCE = ("SB504", Severity.WARNING)
    """A marker whose source is not known yet."""
    COMMENT_COUNT = ("SB505", Severity.WARNING)
    """The thread declares more comments than the text holds."""
    # -- contributor workflow warnings (SB506-SB549)
    AFFILIATED_ONLY = ("SB506", Severity.WARNING)
    """A flagged claim's sources are all affiliated with the subject: the flag stays."""
    SEED_LAYOUT = ("SB507", Severity.WARNING)
    """The seed's layout does not fit its kind (e.g. an extract without its title line)."""
    OVERRIDDEN = ("SB508", Severity.WARNING)
    """(``--against``) A change that weakens the audit, accepted by a maintainer's override."""
    REVISED_FLAGS = ("SB509", Severity.WARNING)
    """(``--against``) A recorded revision of a seed lost flags or markers of the old text."""
    DOCUMENT_ENTRY_DIFFERS = ("SB510", Severity.WARNING)
    """A document's title, authors or date and its own bibliography entry disagree."""

    # -- normalisation guesses: structure the parser had to decide (SB6xx)
    UNKNOWN_FLAG = ("SB601", Severity.WARNING)
    """A bracketed phrase is shaped like a maintenance flag but is not in the vocabulary."""
    LAYOUT_GUESS = ("SB602", Severity.WARNING)
    """Single line breaks separate the text's paragraphs; each line was read as a block."""
    HEADING_GUESS = ("SB603", Severity.WARNING)
    """A line could be a heading or a paragraph; the parser chose one."""
    TABLE_RAGGED = ("SB604", Severity.WARNING)
    """The rows of a flattened table have different numbers of cells."""
    COMMENT_GUESS = ("SB605", Severity.WARNING)
    """A comment's author, body, date or nesting had to be guessed."""
    TRUNCATED = ("SB606", Severity.WARNING)
    """The extract stops mid-word or mid-sentence; the fragment is kept and marked."""
    QUOTE_END_GUESS = ("SB607", Severity.WARNING)
    """A quoted passage has no clear end; it was closed at the end of the body."""
    STRUCTURE_UNSURE = ("SB608", Severity.WARNING)
    """A layout decision scored below the threshold, or a fallback: what was assumed, and the
    structure hint that overrides it."""
    STRUCTURE_HINT = ("SB609", Severity.ERROR)
    """A structure hint does not fit the text (a blank line, a line outside the text, a
    comment-header template that matches no line)."""
    NOTE_UNMATCHED = ("SB620", Severity.WARNING)
    """A numbered note with no marker in the text, or a marker with no note below."""

    # -- rendering and build safety (SB7xx)
    UNSAFE_IDENTIFIER = ("SB701", Severity.ERROR)
    """A key, slug or id that would become a link or role target breaks the identifier grammar."""
    MARKUP_IN_TEXT = ("SB702", Severity.ERROR)
    """A manifest, apparatus or entity text holds MyST, HTML or TeX markup (it is plain text)."""
    ACTIVE_CONTENT = ("SB703", Severity.ERROR)
    """The build met a file, script, math or non-web link on a generated page and made it inert."""
    UNREADABLE_TEX = ("SB704", Severity.ERROR)
    """A bibliography field is not well-formed TeX (``%``, unbalanced braces): unformattable."""

    # -- extension configuration and build warnings (SB800-SB819)
    PAGES_DIR_NOT_OWNED = ("SB800", Severity.ERROR)
    """The pages' output directory holds a file the generator did not write."""
    PAGES_DIR_FORBIDDEN = ("SB801", Severity.ERROR)
    """The pages' output directory is (or holds) the project or Sphinx source directory."""
    PAGES_RECORD = ("SB802", Severity.ERROR)
    """The generator's record of its own files (``.sourcebook-pages.json``) is unreadable."""
    BAD_CONFIG = ("SB803", Severity.ERROR)
    """A ``sourcebook_*`` value in ``conf.py`` has the wrong type or an invalid value."""
    UNKNOWN_CLAIM = ("SB804", Severity.WARNING)
    """A ``{claim}`` role names a claim the corpus does not have (build warning)."""

    # -- scale, caching and benchmarks (SB820-SB839)

    # -- the reader: bibliography style, links, previews (SB840-SB869)

    @property
    def id(self) -> str:
        return self.value[0]

    @property
    def severity(self) -> Severity:
        return self.value[1]


@dataclass(frozen=True, slots=True)
class Diagnostic:
    path: str
    line: int
    col: int
    code: Code
    message: str

    @property
    def severity(self) -> Severity:
        return self.code.severity

    def format(self) -> str:
        r"""``path:line:col: CODE message`` -- the one output format, always one line.

        Messages quote contributor values; their line breaks and control or
        bidi characters are shown escaped, so a value can neither forge a
        diagnostic line of its own nor reorder the text on a terminal.

        >>> print(Diagnostic("a.toml", 2, 1, Code.MARKUP_IN_TEXT, "x\nb:1:1: SB0 \u202e").format())
        a.toml:2:1: SB702 x\nb:1:1: SB0 \u202e
        """
        return f"{self.path}:{self.line}:{self.col}: {self.code.id} {_one_line(self.message)}"

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.path, self.line, self.col, self.code.id, self.message)


def _one_line(text: str) -> str:
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else ascii(c)[1:-1] for c in text)


def sorted_diagnostics(diags: list[Diagnostic]) -> list[Diagnostic]:
    return sorted(set(diags), key=Diagnostic.sort_key)
