"""An app's or a portal's head: a long run of short lines above the text, and its title.

Wiki apps (a book-and-chapter wiki, a team wiki's space, a code host's wiki),
broadcasters' live pages, wire services' sites and council pages print, above the
text's first sentence, the site's name, an app bar, breadcrumbs one item a line
and a page tree, then the page's title, often with no blank line anywhere.  No
line of that head ends a sentence.  When at least ``[app_head] min_lines`` lines
stand above the text's first running line and no rule or hint chose the title,
the title is read from where the kind prints it (``title_at``):

* ``last``: a wiki prints the page's title right on its text (with only lines the
  vocabulary removes, a page credit or a skip link, between): the head's last line;
* ``first``: a news page prints the headline first, then a standfirst, a summary, a
  date: the first line below the page's first line (the site's name) that stands as
  a block of its own and holds at least ``title_words`` words.

Either way the title is no menu word or section heading.  The head's lines above
it are the site's chrome (removed; the first is the site's name in the kinds whose
header has one), the lines below it stay for the other passes.  The title is
*sure* when the page prints it a second time (the current page's entry in the
breadcrumbs or the page tree); otherwise the guess is reported (SB608) with the hint
that overrides it.  A head with no such line is left to the header pass.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from sourcebook.core.diagnostics import Code
from sourcebook.parse.auditshape import is_running
from sourcebook.parse.blocks import RawBlock, explode, without_lines
from sourcebook.parse.menu import menu_words
from sourcebook.parse.state import ParseState
from sourcebook.parse.title import title_score
from sourcebook.parse.vocabulary import known_heading, layout_table, vocabulary

_SENTENCE_END = re.compile(r"[.!?][\"”’')\]]*$")
#: a word of this many letters is capitalised in a name ("Islands Transport Forum")
_LONG_WORD = 4
#: a list item's mark
_ITEM = re.compile(r"[•·*–\-]\s")
_GUESS = 0.6
_SURE = 0.8
#: a question of at most this many words is a menu's link, not a sentence
_LINK_QUESTION_WORDS = 5


@dataclass(frozen=True, slots=True)
class _Shape:
    min_lines: int
    title_words: int
    #: the text's first running line stands within this many blocks of the top
    window: int
    #: where each kind prints its title in the head: "first" or "last"
    title_at: dict[str, str]
    #: lines of the head above the title (its site name, menus and breadcrumbs)
    menu_lines: int
    #: lines of the head the earlier passes left
    min_left: int


@functools.cache
def _shape() -> _Shape:
    data = layout_table("app_head")
    return _Shape(
        int(data["min_lines"]),
        int(data["title_words"]),
        int(data["window"]),
        dict(data["title_at"]),
        int(data["menu_lines"]),
        int(data["min_left"]),
    )


def _head(state: ParseState) -> list[RawBlock] | None:
    """The blocks above the text's first running line, if they are an app's head."""
    shape = _shape()
    # a heading with a wiki's edit link ("Etymology[edit]") is the text's, as a sentence
    # is (a page's title has none; a docs theme's "¶" anchor stands on the title too)
    edited = {r.line for r in state.removed if r.reason == "edit link"}
    for index, block in enumerate(state.blocks[: shape.window]):
        if block.line in edited or any(is_running(line) for line in block.lines):
            above = state.text.split("\n")[: block.line - 1]
            if sum(bool(line.strip()) for line in above) < shape.min_lines or index == 0:
                return None
            lines = explode(state.blocks[:index])
            if len(lines) < shape.min_left:
                return None  # the menus are gone: a section label and a title are the header's
            if any(b.line in state.keep or _not_head(b.text) for b in lines):
                return None
            return state.blocks[:index]
    return None


def _not_head(text: str) -> bool:
    """A line no app's head holds: a sentence, a lead-in ("The club runs:"), a list item.
    A short question is a menu's link ("Taking part in a survey?", "Need help?").

    >>> _not_head("Taking part in a survey?"), _not_head("Why did the ferry stop running?")
    (False, True)
    """
    if _link_question(text):
        return False
    return bool(_SENTENCE_END.search(text) or text.endswith(":") or _ITEM.match(text))


def _link_question(text: str) -> bool:
    """A short question: a menu's link in a head, never its title."""
    return text.endswith("?") and len(text.split()) <= _LINK_QUESTION_WORDS


def _candidate(text: str, state: ParseState, words: int) -> bool:
    return (
        len(text.split()) >= words
        and not _link_question(text)
        and (text[:1].isupper() or text[:1].isdigit())
        and title_score(text) >= 0.7
        and text.casefold() not in menu_words()
        and not known_heading(text, state.profile.kind)
    )


def _title_at(state: ParseState, head: list[RawBlock]) -> RawBlock | None:
    """The head's title line, read where the kind prints it."""
    lines = explode(head)
    mode = _shape().title_at.get(state.profile.kind)
    if mode == "last":
        last = lines[-1]
        return last if len(lines) > 1 and _candidate(last.text, state, 1) else None
    if mode == "first":
        words = _shape().title_words
        # the head's first line names the site, unless a pass already read the site
        # (a masthead and menu it removed): then it may be the title
        below = head if "site" in state.header else head[1:]
        alone = [b for b in below if b.single_line and _candidate(b.text, state, words)]
        return alone[0] if alone else None
    return None


def app_head(state: ParseState) -> None:
    """Take the title from a long head of short lines (see the module docstring)."""
    if "title" in state.header or state.title_line is not None:
        return
    head = _head(state)
    title = _title_at(state, head) if head is not None else None
    if head is None or title is None:
        return
    above = [b for b in explode(head) if b.line < title.line]
    printed = state.text.split("\n")[: title.line - 1]  # removed menus count too
    if sum(bool(line.strip()) for line in printed) < _shape().menu_lines:
        return  # no menu above the title: a plain head, the header pass's
    # the head's own first line, printed again as the breadcrumbs' root, is surer
    # evidence of the site than a Title-Case item of the bar: it is asked first
    first = above[0] if above and above[0].line == head[0].line else None
    if first is not None and not _site(state, first, title.line):
        first = None
    named = _named_site(state, above)
    for line in above:
        if line is named or line is first:
            continue
        state.remove(line, "site menu", "app_head: a line of the app's head above the title")
    cut = {b.line for b in above} | {title.line}
    state.blocks = without_lines(state.blocks, cut)
    _title(state, title, len(explode(head)))


def _site(state: ParseState, block: RawBlock, title: int) -> bool:
    """The head's first line names the site, in the kinds whose header has one; in the
    kinds that read a site above the title (a wiki's, a docs project's), only when the
    head prints it again (the breadcrumbs' root: "tidewell" / … / "tidewell")."""
    text = block.text
    own = "site" in state.profile.header
    if own:
        sited = True
    else:
        again = state.text.split("\n")[block.line : title - 1]
        sited = "above_title" in state.profile.passes and text in (t.strip() for t in again)
    if not sited or "site" in state.header or not block.single_line:
        return False
    if text.casefold() in menu_words():
        return False
    state.header["site"] = text
    state.remove(block, "site name", "app_head: the first line of the app's head")
    return True


def _named_site(state: ParseState, above: list[RawBlock]) -> RawBlock | None:
    """In an encyclopaedia's or a team wiki's head (the kinds that name the site above
    the title), the space's or the site's name among the app bar's items: the first
    line of at least two words, every long word capitalised, none a menu word and no
    digit, printed once ("Islands Transport Forum" between "Log in" and "Pages"; not
    "Issues 12", nor the page's title printed again on its text)."""
    if "above_title" not in state.profile.passes or "site" in state.header:
        return None
    printed = [line.strip() for line in state.text.split("\n")]
    for block in above:
        if printed.count(block.text.strip()) > 1:
            continue  # printed twice: the page's title, in the bar and on its text
        words = block.text.split()
        long = [w for w in words if len(w) >= _LONG_WORD]
        if not block.single_line or len(words) < 2 or any(c.isdigit() for c in block.text):
            continue  # a tab with its count ("Issues 12") is the bar's
        if block.text.casefold() in menu_words() or any(
            w.casefold() in menu_words() for w in words
        ):
            continue
        if not words[0][:1].isupper():
            continue  # a link's arrow ("← Broadsides"), a byline's "by"
        if long and all(w[:1].isupper() for w in long) and not _SENTENCE_END.search(block.text):
            state.header["site"] = block.text
            state.remove(block, "site name", "app_head: the space's name among the app bar")
            return block
    return None


def _title(state: ParseState, title: RawBlock, size: int) -> None:
    text = title.text
    echoed = sum(line.strip() == text for line in state.text.split("\n")) > 1
    score = _SURE if echoed else _GUESS
    state.header["title"] = text
    state.title_line = title.line
    state.decide(title.line, "title", "app_head: the title's place in the app's head", score)
    if score < vocabulary().sure:
        state.warn(
            title.line,
            1,
            Code.STRUCTURE_UNSURE,
            f"took {text[:40]!r} as the title from its place among the {size} lines of"
            f" the page's head (score {score:.2f}); if the title is another line, set"
            " 'title_line' in the structure hints",
        )


__all__ = ["app_head"]
