"""The page's header lines by evidence: site, tagline and title.

A profile lists the roles of the lines a page opens with (a blog: site,
tagline, title).  The opening run is the single-line blocks that read as
header lines (short, not two sentences).  When the run is as long as the
roles, they are taken in order; when it is shorter, the title is the *last*
line of the run -- the line just above the body -- and the lines before it
fill the other roles in order (a wire story has a headline and no site
line).  A line printed twice ends the run at its first copy; a title's second
copy is removed, and a short line taken as the site above a repeated title is
the post's tag line (reported).  A title that reads like prose, or a kind that needs a title and has
none, is reported (SB608) with the ``title_line`` hint that overrides it.
"""

from __future__ import annotations

import functools
import re

from sourcebook.core.diagnostics import Code
from sourcebook.core.text import is_title_case
from sourcebook.model import MetaField, Removed
from sourcebook.parse.blocks import RawBlock, explode, sub_block
from sourcebook.parse.forum import post_header
from sourcebook.parse.journal import name_like
from sourcebook.parse.menu import is_menu_word
from sourcebook.parse.state import ParseState
from sourcebook.parse.trail import drop_trail
from sourcebook.parse.vocabulary import layout_table, vocabulary

_HEADER_WORDS = 25
#: a section label above a title has at most this many words
_KICKER_WORDS = 2
_SENTENCE_END = re.compile(r"[.!?…][”’\"')]* [A-Z“‘]")


def header_like(block: RawBlock) -> bool:
    """One line of at most 25 words, not two sentences, and not a sentence of prose
    (a line closed by a full stop reads as a header only in Title Case).

    >>> header_like(RawBlock(1, ("A Headline About Things",), (), 0, 0))
    True
    >>> header_like(RawBlock(1, ("Once Again on Trotskyism.",), (), 0, 0))
    True
    >>> header_like(RawBlock(1, ("It rained. Then it stopped.",), (), 0, 0))
    False
    >>> header_like(RawBlock(1, ("The line will reopen in the spring.",), (), 0, 0))
    False
    """
    if not block.single_line:
        return False
    text = block.text
    if len(text.split(maxsplit=_HEADER_WORDS)) > _HEADER_WORDS or _SENTENCE_END.search(text):
        return False
    if vocabulary().dateline.match(text):
        return False  # a story's first paragraph, opened by its dateline
    return not text.endswith(".") or is_title_case(text)


def title_score(text: str) -> float:
    """How much a line reads like a title (0-1): short, capitalised, no closing full stop.

    >>> title_score("Continuing the Fight for International Socialism")
    1.0
    >>> title_score("the meeting was held on a Tuesday in the hall and it went on.")
    0.4
    """
    words = text.split()
    score = 1.0
    if not text[:1].isupper() and not text[:1].isdigit() and text[:1] not in "“‘\"'":
        score -= 0.3
    if text.endswith("."):
        score -= 0.2
    if len(words) > 12:
        score -= 0.1 * min((len(words) - 12) // 4 + 1, 3)
    return round(max(score, 0.0), 2)


def take_header(state: ParseState) -> None:
    """Assign the opening lines to the profile's header roles (see the module docstring)."""
    roles = _open_roles(state)
    if "title" in roles:
        drop_trail(state)
    _split_opening(state, len(roles))
    if "title" in roles:
        _split_title_above_prose(state)
    run = _opening_run(state, len(roles), state.title_line)
    if "title" in roles:
        run = _before_copy(state, run)
    if roles == ["title"] and run and "site" in state.profile.header:
        run = _past_kicker(state, run)
    run = _past_menu_word(state, run, roles)
    if "title" in roles and 0 < len(run) < len(roles):
        roles = [*[r for r in roles if r != "title"][: len(run) - 1], "title"]
    for role, block in zip(roles, run, strict=False):
        _assign(state, role, block)
    if "title" in state.header and state.blocks and state.title_line is not None:
        _repeated_title(state)
    if "title" in state.profile.header and "title" not in state.header:
        where = state.blocks[0].line if state.blocks else 1
        state.warn(
            where,
            1,
            Code.STRUCTURE_UNSURE,
            "no line reads as the title (the text opens with prose); set 'title_line' in the"
            " structure hints, or give the title in the manifest",
        )


def _past_menu_word(state: ParseState, run: list[RawBlock], roles: list[str]) -> list[RawBlock]:
    """A word menus print ("Home") opening the run is the menu's, not the site's name:
    removed, when a line stays for the title."""
    while "site" in roles and len(run) > 1 and is_menu_word(run[0].text):
        state.blocks.remove(run[0])
        state.remove(run[0], "site menu", "header: a menu word above the title")
        run = run[1:]
    return run


def _above_date(state: ParseState, block: RawBlock) -> bool:
    """A bare name on the line just above the post's date line: its author (not when
    the date line names its author itself: "Posted by NAME on DATE")."""
    below = {f.name for f in state.metadata if f.line == block.line + 1}
    return name_like(block.text) and "date" in below and "author" not in below


def _open_roles(state: ParseState) -> list[str]:
    """The header roles still to fill: a title hint leaves the roles above it, a
    masthead may have given the site already."""
    roles = list(state.profile.header)
    if "title" in state.header and "title" in roles:
        roles = roles[: roles.index("title")]  # the hint chose the title
    if any(d.became == "site" and d.rule.startswith("line_menu:") for d in state.decisions):
        roles = [r for r in roles if r != "tagline"]  # a tagline stands above the menu
    return [r for r in roles if r not in state.header]


def _past_kicker(state: ParseState, run: list[RawBlock]) -> list[RawBlock]:
    """A section label of one or two words ("Culture") right above a longer
    header line is the page's section, not its title (reported: the label
    could be a short title)."""
    label = run[0]
    after = state.blocks[1] if len(state.blocks) > 1 else None
    if after is None or label.line in state.keep:
        return run
    in_menu = label.text.lower() in _menu_items(state)  # the menu's section, printed again
    if len(label.text.split()) > _KICKER_WORDS and not in_menu:
        return run
    if not header_like(after) or len(after.text.split()) < _KICKER_WORDS + 2:
        return run
    if label.line == state.title_line:
        return run
    state.metadata.append(MetaField("section", label.text, label.line))
    state.metadata.sort(key=lambda f: f.line)
    state.remove(label, "document metadata", "header: a section label above the title")
    state.blocks.remove(label)
    if in_menu:
        return [after]  # an item of the site's menu: sure evidence of a section label
    state.warn(
        label.line,
        1,
        Code.STRUCTURE_UNSURE,
        f"read {label.text!r} as the section label above the title (score 0.70); if it is"
        f" the title, set 'title_line' to {label.line} in the structure hints",
    )
    return [after]


def _menu_items(state: ParseState) -> set[str]:
    """The lines of the site's menu the menu pass removed, lower-cased."""
    return {
        line.strip().lower()
        for removed in state.removed
        if removed.reason == "site menu"
        for line in removed.text.split("\n")
    }


def _split_opening(state: ParseState, roles: int) -> None:
    """An opening block of two or three header lines with no blank line between
    (a site's name glued to its tagline or issue line) is read line by line,
    when the profile has that many header roles to fill."""
    if not state.blocks or roles < 2:
        return
    first = state.blocks[0]
    lines = explode([first])
    if not 2 <= len(lines) <= min(roles, 3) or first.line == state.title_line:
        return
    if all(header_like(b) and b.line not in state.keep for b in lines):
        state.blocks[:1] = lines


#: a summary glued under its title has at least this many words
_SUMMARY_WORDS = 15


def _split_title_above_prose(state: ParseState) -> None:
    """A title line glued above a summary or the first paragraph (no blank line
    between, as press releases print them) is a block of its own."""
    if not state.blocks or "title" in state.header:
        return
    first = state.blocks[0]
    if len(first.lines) < 2 or first.line in state.keep or first.line == state.title_line:
        return
    title, below = first.lines[0], first.lines[1]
    head = explode([first])[0]
    if header_like(head) and len(below.split()) >= _SUMMARY_WORDS and title_score(title) >= 0.9:
        state.blocks[:1] = [head, sub_block(first, 1, len(first.lines))]


def _opening_run(state: ParseState, roles: int, limit: int | None) -> list[RawBlock]:
    """The single-line blocks the text opens with that read as header lines (at most
    *roles*, above line *limit*)."""
    run: list[RawBlock] = []
    for block in state.blocks:
        if len(run) == roles or (limit is not None and block.line >= limit):
            break
        if not header_like(block) or block.text.lower() in vocabulary().section_words:
            break  # prose, or a section heading ("Abstract") that opens the body
        if post_header(block.text) is not None or _above_date(state, block):
            break  # a forum post's header, or an author's name above the date
        if any(block.text == taken.text for taken in run):
            break  # a line printed twice: the header ends at its first copy
        run.append(block)
    return run


def _before_copy(state: ParseState, run: list[RawBlock]) -> list[RawBlock]:
    """When the line after the run repeats one of its lines, that line is the title:
    the run ends there, and the lines between it and its copy are the post's subtitle."""
    after = state.blocks[len(run)] if len(state.blocks) > len(run) else None
    if after is None or not after.single_line:
        return run
    index = next((i for i, b in enumerate(run) if b.text == after.text), None)
    if index is None:
        return run
    for block in run[index + 1 :]:
        state.metadata.append(MetaField("subtitle", block.text, block.line))
        state.remove(block, "document metadata", "header: between the title and its copy")
        state.blocks.remove(block)
    state.metadata.sort(key=lambda f: f.line)
    return run[: index + 1]


def _repeated_title(state: ParseState) -> None:
    """A title printed twice (above and below the byline) loses its second copy; a
    short "site" line above such a title is the post's tag line, not the site's name."""
    again = state.blocks[0]
    if again.lines[0] != state.header["title"] or again.line in state.keep:
        return
    if not again.single_line:  # the copy glued to what follows it (an infobox, a caption)
        state.blocks[0] = sub_block(again, 1, len(again.lines))
        again = sub_block(again, 0, 1)
    else:
        state.blocks.remove(again)
    state.remove(again, "title repeated", "header: the title's line printed again")
    site = state.header.get("site")
    line = next((d.line for d in state.decisions if d.became == "site"), again.line)
    if site is None or "tagline" in state.header or len(site.split()) > 2 or line in state.keep:
        return
    del state.header["site"]
    state.metadata.append(MetaField("tag", site, line))
    state.metadata.sort(key=lambda f: f.line)
    state.decide(line, "metadata (tag)", "header: a short line above a repeated title", 0.6)
    state.warn(
        line,
        1,
        Code.STRUCTURE_UNSURE,
        f"read {site!r} above a title printed twice as the post's tag, not the site's name"
        f" (score 0.60); if it is the site's name, list line {line} in 'keep'",
    )


def _title_taken(state: ParseState, block: RawBlock, score: float) -> None:
    """The title's line; a link aggregator's source tag closing it ("(self.kilns)",
    "(example.org)": ``[title] source_tag``) is the site's, not the title's: removed."""
    state.title_line = block.line
    tag = _source_tag().search(block.text)
    if tag is not None and tag.start() > 0:
        state.header["title"] = block.text[: tag.start()].rstrip()
        state.removed.append(Removed(block.line, tag.group(0).strip(), "source tag"))
        state.decide(block.line, "removed (source tag)", "header: the aggregator's source tag")
    _check_title(state, block, score)


@functools.cache
def _source_tag() -> re.Pattern[str]:
    return re.compile(layout_table("title")["source_tag"])


def _check_title(state: ParseState, block: RawBlock, score: float) -> None:
    if score >= vocabulary().sure:
        return
    state.warn(
        block.line,
        1,
        Code.STRUCTURE_UNSURE,
        f"took {block.text[:40]!r} as the title (score {score:.2f}); if the title is another"
        " line, set 'title_line' in the structure hints",
    )


#: a row of links glued after a site's name: its separators
_LINK_ROW = re.compile(r"\s\|\s")


def _assign(state: ParseState, role: str, block: RawBlock) -> None:
    """Give *block* the header *role*."""
    state.blocks.remove(block)
    state.header[role] = _site(state, block) if role == "site" else block.text
    score = title_score(block.text) if role == "title" else None
    state.decide(block.line, role, "header: opening single line", score)
    if role == "title":
        _title_taken(state, block, score or 0.0)


def _site(state: ParseState, block: RawBlock) -> str:
    """The site line's name; the links printed after it go to the record."""
    name = site_name(block.text)
    if name != block.text:
        menu = block.text[len(name) :].strip()
        state.removed.append(Removed(block.line, menu, "site menu"))
    return name


def site_name(text: str) -> str:
    """A site line's name, less a row of links printed after it on the same line (an
    aggregator's "Bench News new | past | ask | submit login"): the words before the
    first of at least three separators, less the first link glued to them (a lower-case
    word after a capitalised name).

    >>> site_name("Bench News new | past | comments | ask | show\tlogin")
    'Bench News'
    >>> site_name("Notes | Essays"), site_name("The Quay Review")
    ('Notes | Essays', 'The Quay Review')
    """
    parts = _LINK_ROW.split(text)
    if len(parts) < 4:
        return text
    words = parts[0].split()
    if len(words) >= 2 and words[-1].islower() and words[0][:1].isupper():
        words = words[:-1]
    return " ".join(words)


__all__ = ["header_like", "take_header", "title_score"]
