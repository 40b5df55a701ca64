"""The document model: plain, immutable data produced by the parsers.

Every node remembers the 1-based seed line it came from, so diagnostics,
claims and the provenance record can point back into the raw text.  The model
knows nothing about MyST or Sphinx; renderers read it, never the reverse.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Kind = Literal["wikipedia", "blog", "article", "essay"]
KINDS: tuple[Kind, ...] = ("wikipedia", "blog", "article", "essay")


@dataclass(frozen=True, slots=True)
class Text:
    """A run of literal text (never markup: renderers escape it)."""

    text: str


@dataclass(frozen=True, slots=True)
class Anchor:
    """The point in a paragraph where one or more markers stand.

    A marker is a reference number in the source (``[16]``, a glued essay
    footnote ``struggle.4`` or a comment's ``[1]``); flags are maintenance
    notes such as ``independent source needed`` that follow the markers.
    """

    #: marker labels in source order, e.g. ``("16", "17")``
    markers: tuple[str, ...]
    #: flags, lower-case, without brackets
    flags: tuple[str, ...]
    #: id of the claim this anchor closes
    claim: str
    #: seed line of the first marker
    line: int
    #: the markers exactly as written in the seed, e.g. ``[5][citation needed]``
    raw: str = ""


Inline = Text | Anchor


@dataclass(frozen=True, slots=True)
class Paragraph:
    inlines: tuple[Inline, ...]
    line: int

    @property
    def plain(self) -> str:
        """The paragraph's text with markers removed."""
        return "".join(i.text for i in self.inlines if isinstance(i, Text))


@dataclass(frozen=True, slots=True)
class Heading:
    text: str
    line: int
    level: int = 2


@dataclass(frozen=True, slots=True)
class BlockQuote:
    paragraphs: tuple[Paragraph, ...]
    line: int


@dataclass(frozen=True, slots=True)
class ListBlock:
    """A bullet (``•``) or lettered (``a.``) list; items are paragraphs."""

    items: tuple[Paragraph, ...]
    #: "bullet" or the enumeration style ("lower-alpha", "decimal")
    style: str
    line: int
    #: each item's label as printed ("•", "a."), kept so nothing is lost
    labels: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class LostHeading:
    """Where a section heading was lost in extraction (a gap of blank lines)."""

    line: int


@dataclass(frozen=True, slots=True)
class TableRow:
    """One row of a table; each cell is a paragraph, so a marker in a cell
    supports that row, not a sentence of table debris."""

    cells: tuple[Paragraph, ...]
    line: int


@dataclass(frozen=True, slots=True)
class Table:
    """A table flattened into ``|``-separated rows by extraction."""

    rows: tuple[TableRow, ...]
    line: int
    #: "table", or "infobox" for the two-column summary box atop an article
    role: str = "table"
    #: the first row is a header row (a ``---|---`` separator followed it)
    header: bool = False


@dataclass(frozen=True, slots=True)
class Epigraph:
    """A quotation set before the text, with its attribution line."""

    paragraphs: tuple[Paragraph, ...]
    #: the attribution as printed, without its leading dash; may hold a marker
    attribution: Paragraph | None
    line: int


@dataclass(frozen=True, slots=True)
class Truncated:
    """The extract stops mid-word or mid-sentence here; nothing follows."""

    line: int


@dataclass(frozen=True, slots=True)
class Comment:
    """One comment of a blog thread; replies nest under their parent."""

    #: the number printed before a top-level comment; replies carry their parent's
    number: int
    author: str | None
    #: the date line as printed, e.g. "September 20, 2016 at 3:30 pm"
    date_text: str | None
    #: ISO 8601 local date-time, e.g. "2016-09-20T15:30"
    date_iso: str | None
    blocks: tuple[Block, ...]
    line: int
    #: 0 for a top-level comment, 1 for a reply to it, and so on
    depth: int = 0
    replies: tuple[Comment, ...] = ()
    #: 1-based position among all replies of the top-level comment (0 at the top)
    reply: int = 0


Block = (
    Paragraph
    | Heading
    | BlockQuote
    | ListBlock
    | LostHeading
    | Comment
    | Table
    | Epigraph
    | Truncated
)


@dataclass(frozen=True, slots=True)
class MetaField:
    """A piece of document metadata found in the text (a WordPress
    "Posted in" line, an essay's "Issue: 4").  Names are data, so a new
    site shape adds fields without touching the renderer or the schema."""

    #: lower-case field name: "author", "date", "category", "tag", "journal", ...
    name: str
    value: str
    line: int


@dataclass(frozen=True, slots=True)
class Footnote:
    """A footnote definition found in the text itself (a comment's link list)."""

    label: str
    text: str
    line: int


@dataclass(frozen=True, slots=True)
class Claim:
    """The text span a marker supports: normally the sentence it closes."""

    id: str
    line: int
    #: plain text, markers removed, whitespace collapsed
    text: str
    markers: tuple[str, ...]
    flags: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Removed:
    """Source text left out of the page, kept for the provenance record."""

    line: int
    text: str
    #: why it was removed, e.g. "comment form", "sidebar"
    reason: str


@dataclass(frozen=True, slots=True)
class Document:
    kind: Kind
    #: the title line as found in the seed, if the kind has one
    title: str | None
    #: site or blog name and its tagline, when the seed carries them
    site: str | None
    tagline: str | None
    #: an author line found in the text (the essay's closing name)
    author: str | None
    #: a bio line found in the text
    bio: str | None
    blocks: tuple[Block, ...]
    claims: tuple[Claim, ...]
    footnotes: tuple[Footnote, ...]
    removed: tuple[Removed, ...]
    #: the comment count the page header claims ("17 Responses"), if any
    declared_comments: int | None = None
    #: metadata lines taken out of the body, in seed order
    metadata: tuple[MetaField, ...] = ()

    @property
    def marker_labels(self) -> tuple[str, ...]:
        """Every marker in order of first appearance, each once."""
        seen: dict[str, None] = {}
        for claim in self.claims:
            for label in claim.markers:
                seen.setdefault(label, None)
        return tuple(seen)

    @property
    def comments(self) -> tuple[Comment, ...]:
        """Top-level comments; replies hang under them."""
        return tuple(b for b in self.blocks if isinstance(b, Comment))

    def meta(self, name: str) -> tuple[str, ...]:
        """Every value of metadata field *name*, in seed order."""
        return tuple(f.value for f in self.metadata if f.name == name)
