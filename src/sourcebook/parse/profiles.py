"""Per-kind profiles: which passes run, and with which data, for each kind.

Behaviour that differs between a Wikipedia extract, a blog post, an article
and an essay lives here as data, so the passes have no ``if kind == ...``
branches.  A new kind, or a new site shape of a known kind, is a profile
(or a profile edit) plus fixtures under ``tests/fixtures/normalise/``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sourcebook.model import Kind
from sourcebook.parse.inline import InlineRules

HeaderRole = str  # "site" | "tagline" | "title"


@dataclass(frozen=True, slots=True)
class MetaRule:
    """A line that is document metadata: group 1 of *pattern* is the value."""

    pattern: re.Pattern[str]
    #: the metadata field it fills ("author", "date", "category", "tag", "comments")
    name: str
    #: the reason recorded in the provenance record
    reason: str
    #: splits a list value ("A, B and C") into one field per item
    split: re.Pattern[str] | None = None


@dataclass(frozen=True, slots=True)
class Profile:
    kind: Kind
    #: the passes to run, in order (names in :data:`sourcebook.parse.passes.PASSES`)
    passes: tuple[str, ...]
    #: roles of the single-line blocks the seed opens with, in order
    header: tuple[HeaderRole, ...]
    inline: InlineRules
    #: a run of markers opening a paragraph closes the previous paragraph
    leading_markers_to_previous: bool = False
    #: short unpunctuated lines are section headings
    headings: bool = False
    #: ... when the body holds at least this many of them (a blog post's one short
    #: line is a remark, several are its sections)
    headings_min: int = 1
    #: two or more blank lines mark a heading lost in extraction
    lost_headings: bool = False
    #: "Name is a ..." paragraph near the top is the author's bio
    leading_bio: bool = False
    #: closing "Name" + "Name is a ..." lines are the author and bio
    trailing_bio: bool = False
    #: a bare outlet line ("The Mirror.") introduces a quoted passage
    outlet_quotes: bool = False
    #: single blocks removed wherever they stand, with the reason
    boilerplate: tuple[tuple[re.Pattern[str], str], ...] = field(default=())
    #: a block with this text starts a tail that is removed to the end
    tail_starts: tuple[tuple[re.Pattern[str], str], ...] = field(default=())
    #: a "Published on <date>" line: the pattern's group 1 is the date
    date_line: re.Pattern[str] | None = None
    #: single lines that are document metadata
    metadata: tuple[MetaRule, ...] = field(default=())
    #: numbered notes under a "Notes" heading are taken only when the text cites them
    #: (bracketed or glued markers): a blog's numbered list under "Notes" may be its own
    linked_notes_only: bool = False


_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
)
_LIST = re.compile(r",\s*|(?<=\S)\s+and\s+")

# the comment form's heading, with its "Cancel reply" link glued on by some themes
_WORDPRESS_TAIL = ((re.compile(r"Leave a (?:Reply|Comment)(?: Cancel reply)?"), "comment form"),)
_WORDPRESS_LINES = (
    (re.compile(r"Subscribe to comments with RSS\."), "feed link"),
    (re.compile(r"%d bloggers like this:"), "like widget"),
    (re.compile(r"Connecting to %s"), "comment form"),
)
_WORDPRESS_META = (
    MetaRule(
        re.compile(r"with (\d{1,5}|one|no) comments?", re.IGNORECASE), "comments", "comment count"
    ),
    MetaRule(re.compile(r"(One|\d{1,5}) Responses?"), "comments", "comment count"),
    MetaRule(
        re.compile(r"(?:Written|Posted) by ([^\W\d][\w’'. -]{0,60})"), "author", "post metadata"
    ),
    MetaRule(re.compile(rf"(?:Posted on )?({_MONTH} \d{{1,2}}, \d{{4}})"), "date", "post metadata"),
    MetaRule(re.compile(r"(?:Posted|Filed) in (.{1,200})"), "category", "post metadata", _LIST),
    MetaRule(re.compile(r"Tagged(?: with|:) (.{1,300})"), "tag", "post metadata", _LIST),
)
# Wikipedia page chrome: maintenance banners and reader furniture.
_WIKIPEDIA_CHROME = (
    (re.compile(r"This article has multiple issues\..{0,400}"), "maintenance banner"),
    (
        re.compile(r".{0,400}\(Learn how and when to remove (?:this|these) .{0,40}\)"),
        "maintenance banner",
    ),
    (
        re.compile(r"This article (?:needs|relies|may|is missing|contains) .{0,400}"),
        "maintenance banner",
    ),
    (re.compile(r"From Wikipedia, the free encyclopedia"), "page chrome"),
    (re.compile(r"Jump to (?:navigation|search|content)"), "page chrome"),
)

# "blocks" splits at blank lines; "layout" then decides whether single line
# breaks separate blocks too (after the navbox, the menus and the contents box,
# whose item lines would otherwise look like a line-per-paragraph layout).
_WIKIPEDIA_PASSES = (
    "blocks",
    "hints",
    "raw_wikitext",
    "consent",
    "reflow",
    "ebook",
    "navbox",
    "infobox_run",
    "title_echo",
    "numbered_contents",
    "menu",
    "contents",
    "layout",
    "link_rejoin",
    "line_menu",
    "tail",
    "cite_box",
    "byline_head",
    "figure",
    "evidence",
    "tag_pills",
    "named_thread",
    "arrow_notes",
    "footer",
    "app_head",
    "header",
    "above_title",
    "tab_bar",
    "label_rows",
    "boilerplate",
    "entry_sign",
    "notes",
    "caret_notes",
    "body",
    "notes_check",
    "truncation",
)
_BLOG_PASSES = (
    "blocks",
    "hints",
    "consent",
    "reflow",
    "ebook",
    "cover_echo",
    "update_head",
    "mail_page",
    "issue_page",
    "reader_poll",
    "menu",
    "layout",
    "line_menu",
    "forum_entry",
    "tail",
    "figure",
    "count_bubbles",
    "evidence",
    "arrow_notes",
    "related",
    "footer",
    "thread_head",
    "header",
    "author_card",
    "journal_owner",
    "dek",
    "byline",
    "dateline",
    "boilerplate",
    "stacked_thread",
    "forum",
    "paired_thread",
    "headed_thread",
    "thread",
    "metadata",
    "comment_count",
    "copyright_author",
    "notes",
    "pull_quote",
    "body",
    "notes_check",
    "truncation",
)
_ARTICLE_PASSES = (
    "blocks",
    "hints",
    "consent",
    "reflow",
    "ebook",
    "cover_echo",
    "numbered_contents",
    "reader_poll",
    "menu",
    "site_tagline",
    "contents",
    "layout",
    "table_debris",
    "front_sheet",
    "tail",
    "byline_head",
    "figure",
    "twice_caption",
    "count_bubbles",
    "evidence",
    "arrow_notes",
    "related",
    "footer",
    "by_name",
    "record_box",
    "label_pairs",
    "echo_title",
    "patent_page",
    "head_shape",
    "app_head",
    "header",
    "dek",
    "byline",
    "dateline",
    "boilerplate",
    "date_line",
    "notes",
    "bio",
    "standfirst",
    "pull_quote",
    "signature",
    "body",
    "notes_check",
    "truncation",
)
_ESSAY_PASSES = (
    "blocks",
    "hints",
    "consent",
    "reflow",
    "ebook",
    "cover_echo",
    "twice_head",
    "tag_block",
    "reader_poll",
    "menu",
    "contents",
    "layout",
    "property_table",
    "line_menu",
    "tail",
    "figure",
    "twice_caption",
    "front_matter",
    "evidence",
    "arrow_notes",
    "related",
    "footer",
    "record_box",
    "paired_thread",
    "headed_thread",
    "comment_count",
    "label_pairs",
    "journal_header",
    "essay_head",
    "author_card",
    "twice_title",
    "head_shape",
    "title_block",
    "dek",
    "notes",
    "page_foot_notes",
    "bio",
    "standfirst",
    "epigraph",
    "copyright_author",
    "pull_quote",
    "body",
    "notes_check",
    "truncation",
)

PROFILES: dict[Kind, Profile] = {
    "wikipedia": Profile(
        kind="wikipedia",
        passes=_WIKIPEDIA_PASSES,
        header=("title",),
        inline=InlineRules(bracket_markers=True),
        leading_markers_to_previous=True,
        headings=True,
        boilerplate=_WIKIPEDIA_CHROME,
    ),
    "blog": Profile(
        kind="blog",
        passes=_BLOG_PASSES,
        header=("site", "tagline", "title"),
        inline=InlineRules(bracket_markers=True),
        outlet_quotes=True,
        headings=True,
        headings_min=2,
        boilerplate=_WORDPRESS_LINES,
        tail_starts=_WORDPRESS_TAIL,
        metadata=_WORDPRESS_META,
        linked_notes_only=True,
    ),
    "article": Profile(
        kind="article",
        passes=_ARTICLE_PASSES,
        header=("site", "title"),
        inline=InlineRules(),
        headings=True,
        leading_bio=True,
        tail_starts=(
            (
                re.compile(r"(?:Latest|Related|Recent|More) (?:articles|posts|stories|news)"),
                "sidebar",
            ),
            # a news wiki's categories one a line under their label, then its footer
            (re.compile(r"Categories:"), "page furniture"),
        ),
        date_line=re.compile(r"Published on\b:?\s*(.*)"),
    ),
    "essay": Profile(
        kind="essay",
        passes=_ESSAY_PASSES,
        header=(),
        inline=InlineRules(glued_footnotes=True),
        headings=True,
        lost_headings=True,
        trailing_bio=True,
    ),
}
