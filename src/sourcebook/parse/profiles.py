"""Per-kind profiles: which rules apply to which kind of document.

Behaviour that differs between a Wikipedia extract, a blog post, an article
and an essay lives here as data, so the structure parser has no
``if kind == ...`` branches.  A new kind is a new profile.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sourcebook.model import Kind
from sourcebook.parse.inline import InlineRules

HeaderRole = str  # "site" | "tagline" | "title"


@dataclass(frozen=True, slots=True)
class Profile:
    kind: Kind
    #: roles of the single-line blocks the seed opens with, in order
    header: tuple[HeaderRole, ...]
    inline: InlineRules
    #: a run of markers opening a paragraph closes the previous paragraph
    leading_markers_to_previous: bool = False
    #: short unpunctuated lines are section headings
    headings: bool = False
    #: two or more blank lines mark a heading lost in extraction
    lost_headings: bool = False
    #: "Name is a ..." paragraph near the top is the author's bio
    leading_bio: bool = False
    #: closing "Name" + "Name is a ..." lines are the author and bio
    trailing_bio: bool = False
    #: numbered, indented comment thread after an "N Responses" header
    comments: bool = False
    #: a bare outlet line ("The Mirror.") introduces a quoted passage
    outlet_quotes: bool = False
    #: single blocks removed wherever they stand, with the reason
    boilerplate: tuple[tuple[re.Pattern[str], str], ...] = field(default=())
    #: a block with this text starts a tail that is removed to the end
    tail_starts: tuple[tuple[re.Pattern[str], str], ...] = field(default=())
    #: a "Published on <date>" line: the pattern's group 1 is the date
    date_line: re.Pattern[str] | None = None


_WORDPRESS_TAIL = ((re.compile(r"Leave a (?:Reply|Comment)"), "comment form"),)
_WORDPRESS_LINES = (
    (re.compile(r"with \d+ comments?"), "comment count"),
    (re.compile(r"Subscribe to comments with RSS\."), "feed link"),
    (re.compile(r"%d bloggers like this:"), "like widget"),
    (re.compile(r"Connecting to %s"), "comment form"),
)

PROFILES: dict[Kind, Profile] = {
    "wikipedia": Profile(
        kind="wikipedia",
        header=("title",),
        inline=InlineRules(bracket_markers=True),
        leading_markers_to_previous=True,
    ),
    "blog": Profile(
        kind="blog",
        header=("site", "tagline", "title"),
        inline=InlineRules(bracket_markers=True),
        comments=True,
        outlet_quotes=True,
        boilerplate=_WORDPRESS_LINES,
        tail_starts=_WORDPRESS_TAIL,
    ),
    "article": Profile(
        kind="article",
        header=("site", "title"),
        inline=InlineRules(),
        headings=True,
        leading_bio=True,
        tail_starts=(
            (re.compile(r"(?:Latest|Related|Recent|More) (?:articles|posts|stories)"), "sidebar"),
        ),
        date_line=re.compile(r"Published on\b:?\s*(.*)"),
    ),
    "essay": Profile(
        kind="essay",
        header=(),
        inline=InlineRules(glued_footnotes=True),
        headings=True,
        lost_headings=True,
        trailing_bio=True,
    ),
}
