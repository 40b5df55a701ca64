"""The named passes a profile runs, in its order, over one seed.

Each pass takes the :class:`~sourcebook.parse.state.ParseState`, claims
some raw blocks (removing them from ``state.blocks``) and records what it
decided.  A pass is small, pure apart from the state, and testable alone;
which passes run, and with which data, is the profile's business.
"""

from __future__ import annotations

from collections.abc import Callable

from sourcebook.core.diagnostics import Code
from sourcebook.model import MetaField
from sourcebook.parse.apphead import app_head
from sourcebook.parse.arrownotes import arrow_notes
from sourcebook.parse.authorcard import author_card
from sourcebook.parse.blocks import RawBlock, explode, line_layout, split_blocks
from sourcebook.parse.body import Body
from sourcebook.parse.byline import glued_byline
from sourcebook.parse.bylinehead import byline_head
from sourcebook.parse.byname import by_name
from sourcebook.parse.caretnotes import caret_notes
from sourcebook.parse.citebox import cite_box
from sourcebook.parse.comments import Thread
from sourcebook.parse.consent import consent
from sourcebook.parse.contents import above_title, contents, title_echo
from sourcebook.parse.copyright import copyright_author
from sourcebook.parse.counts import count_bubbles
from sourcebook.parse.cover import cover_echo
from sourcebook.parse.dateline import dateline
from sourcebook.parse.dek import dek
from sourcebook.parse.ebook import ebook
from sourcebook.parse.echotitle import echo_title
from sourcebook.parse.entrysign import entry_sign
from sourcebook.parse.essayhead import essay_head
from sourcebook.parse.evidence import evidence
from sourcebook.parse.figure import figure
from sourcebook.parse.footer import footer
from sourcebook.parse.forum import forum
from sourcebook.parse.forumentry import forum_entry
from sourcebook.parse.framing import bio, epigraph
from sourcebook.parse.frontmatter import front_matter
from sourcebook.parse.frontsheet import front_sheet
from sourcebook.parse.gaps import unit_gaps
from sourcebook.parse.headed import headed_thread
from sourcebook.parse.headshape import head_shape
from sourcebook.parse.hinting import hinted_thread, hints
from sourcebook.parse.infoboxrun import infobox_run
from sourcebook.parse.issuepage import issue_page
from sourcebook.parse.journal import journal_header
from sourcebook.parse.journalowner import journal_owner
from sourcebook.parse.labelpairs import label_pairs
from sourcebook.parse.labelrows import label_rows
from sourcebook.parse.leadlist import rejoin
from sourcebook.parse.linemenu import line_menu
from sourcebook.parse.linkrejoin import link_rejoin
from sourcebook.parse.mailpage import mail_page
from sourcebook.parse.mailquote import build_with_quotes
from sourcebook.parse.menu import menu
from sourcebook.parse.namedthread import named_thread
from sourcebook.parse.navbox import navbox
from sourcebook.parse.notes import notes, notes_check
from sourcebook.parse.numberedcontents import numbered_contents
from sourcebook.parse.pagefoot import page_foot_notes
from sourcebook.parse.pairs import paired_thread
from sourcebook.parse.patentpage import patent_page
from sourcebook.parse.propertytable import property_table
from sourcebook.parse.pullquote import pull_quote
from sourcebook.parse.rawwiki import raw_wikitext
from sourcebook.parse.readerpoll import reader_poll
from sourcebook.parse.recordbox import record_box
from sourcebook.parse.reflow import reflow
from sourcebook.parse.related import related
from sourcebook.parse.rules import _RESPONSES, heading_count
from sourcebook.parse.signature import signature
from sourcebook.parse.sitetagline import site_tagline
from sourcebook.parse.stacked import stacked_thread, thread_head
from sourcebook.parse.standfirst import standfirst
from sourcebook.parse.state import ParseState
from sourcebook.parse.tabbar import tab_bar
from sourcebook.parse.tabledebris import table_debris
from sourcebook.parse.tables import infobox_heads, split_tab_runs
from sourcebook.parse.tagblock import tag_block
from sourcebook.parse.tagpills import tag_pills
from sourcebook.parse.tailcut import tail
from sourcebook.parse.title import take_header
from sourcebook.parse.titleblock import title_block
from sourcebook.parse.truncation import truncation
from sourcebook.parse.twicecaption import twice_caption
from sourcebook.parse.twicehead import twice_head
from sourcebook.parse.twicetitle import twice_title
from sourcebook.parse.updatehead import update_head

Pass = Callable[[ParseState], None]


def blocks(state: ParseState) -> None:
    """Split the text into raw blocks at blank lines (counted in the text's unit)."""
    state.blocks = unit_gaps(split_blocks(state.text))


def layout(state: ParseState) -> None:
    """Read each line as a block when the document separates blocks by
    single line breaks (see :func:`~sourcebook.parse.blocks.line_layout`)."""
    blocks = state.blocks
    shape = line_layout(blocks)
    if shape.per_line:
        blocks = explode(blocks)
        state.warn(
            shape.line,
            1,
            Code.LAYOUT_GUESS,
            f"{shape.complete_breaks} of {shape.inner_breaks} single line breaks follow a"
            f" complete line and only {shape.gaps} blank-line gaps separate blocks:"
            " each line is read as a block",
        )
    state.blocks = blocks


def header(state: ParseState) -> None:
    """The opening lines: site, tagline, title (by evidence, see :mod:`.title`)."""
    take_header(state)


def boilerplate(state: ParseState) -> None:
    """Single blocks of page chrome (banners, widgets), wherever they stand."""
    kept: list[RawBlock] = []
    for block in state.blocks:
        reason = next((r for p, r in state.profile.boilerplate if p.fullmatch(block.text)), None)
        if reason is not None:
            state.remove(block, reason, "boilerplate: known page chrome")
        else:
            kept.append(block)
    state.blocks = kept


def date_line(state: ParseState) -> None:
    """An empty "Published on" line left where the date widget was."""
    pattern = state.profile.date_line
    if pattern is None or not state.blocks:
        return
    match = pattern.fullmatch(state.blocks[0].text)
    if not match:
        return
    block = state.blocks.pop(0)
    if match.group(1).strip():
        state.metadata.append(MetaField("date", match.group(1).strip(), block.line))
        state.remove(block, "document metadata", "date_line: a date after 'Published on'")
    else:
        state.remove(block, "empty date line", "date_line: no date after it")


def metadata(state: ParseState) -> None:
    """Single lines that describe the post (author, date, categories, tags,
    comment count) become document metadata; the line itself goes to the
    provenance record."""
    kept: list[RawBlock] = []
    for block in state.blocks:
        if block.single_line and _take_metadata(state, block):
            continue
        kept.append(block)
    state.blocks = kept


def _take_metadata(state: ParseState, block: RawBlock) -> bool:
    for rule in state.profile.metadata:
        match = rule.pattern.fullmatch(block.text)
        if not match:
            continue
        value = match.group(1)
        values = rule.split.split(value) if rule.split else [value]
        if rule.name == "comments":
            values = [str(_count(value))]
            if state.declared_comments is None:
                state.declared_comments = _count(value)
        for item in values:
            if item.strip():
                state.metadata.append(MetaField(rule.name, item.strip(), block.line))
        state.remove(block, rule.reason, f"metadata: {rule.name} line")
        return True
    return False


def _count(word: str) -> int:
    """``17`` / ``one`` / ``No`` -> a number.

    >>> _count("17"), _count("one"), _count("No")
    (17, 1, 0)
    """
    lowered = word.lower()
    return 0 if lowered == "no" else 1 if lowered == "one" else int(word)


def thread(state: ParseState) -> None:
    """The comment thread after an "N Responses" line."""
    blocks = state.blocks
    for index, block in enumerate(blocks):
        match = _RESPONSES.match(block.text)
        if not match:
            continue
        state.declared_comments = _count(match.group(1))
        state.remove(block, "thread header", "thread: 'N Responses' line")
        comments = Thread(state)
        used = comments.split(blocks[index + 1 :])
        for leftover in blocks[index + 1 + used :]:
            state.remove(leftover, "after the comment thread", "thread: past its end")
        del blocks[index:]
        state.comments = comments.build()
        state.comment_total = comments.count
        return


def comment_count(state: ParseState) -> None:
    """The declared comment count ("17 Responses", "with 17 comments") must
    match the comments the text holds, replies included."""
    declared, found = state.declared_comments, state.comment_total
    if declared is not None and declared != found:
        state.warn(
            1,
            1,
            Code.COMMENT_COUNT,
            f"the page declares {declared} comments; the text holds {found}",
        )


def body(state: ParseState) -> None:
    """Everything left is the body."""
    hinted_thread(state)
    profile = state.profile
    forced = frozenset(state.headings)
    blocks = rejoin(split_tab_runs(state.blocks))
    if profile.kind == "wikipedia":
        blocks = infobox_heads(state, blocks)
    few = profile.headings_min > 1 and heading_count(blocks) < profile.headings_min
    headings = profile.headings and not few
    state.body = build_with_quotes(
        state, lambda: Body(state, profile.inline, headings, forced), profile.inline, blocks
    )
    state.blocks = []


PASSES: dict[str, Pass] = {
    "blocks": blocks,
    "hints": hints,
    "raw_wikitext": raw_wikitext,
    "infobox_run": infobox_run,
    "tag_pills": tag_pills,
    "link_rejoin": link_rejoin,
    "consent": consent,
    "reflow": reflow,
    "reader_poll": reader_poll,
    "menu": menu,
    "site_tagline": site_tagline,
    "count_bubbles": count_bubbles,
    "line_menu": line_menu,
    "title_echo": title_echo,
    "cover_echo": cover_echo,
    "copyright_author": copyright_author,
    "above_title": above_title,
    "contents": contents,
    "figure": figure,
    "twice_caption": twice_caption,
    "footer": footer,
    "by_name": by_name,
    "evidence": evidence,
    "related": related,
    "dateline": dateline,
    "byline": glued_byline,
    "forum": forum,
    "stacked_thread": stacked_thread,
    "thread_head": thread_head,
    "update_head": update_head,
    "mail_page": mail_page,
    "issue_page": issue_page,
    "forum_entry": forum_entry,
    "headed_thread": headed_thread,
    "named_thread": named_thread,
    "paired_thread": paired_thread,
    "layout": layout,
    "table_debris": table_debris,
    "front_sheet": front_sheet,
    "tail": tail,
    "cite_box": cite_box,
    "front_matter": front_matter,
    "title_block": title_block,
    "journal_owner": journal_owner,
    "twice_title": twice_title,
    "echo_title": echo_title,
    "patent_page": patent_page,
    "twice_head": twice_head,
    "tag_block": tag_block,
    "header": header,
    "tab_bar": tab_bar,
    "label_rows": label_rows,
    "author_card": author_card,
    "dek": dek,
    "boilerplate": boilerplate,
    "navbox": navbox,
    "date_line": date_line,
    "metadata": metadata,
    "journal_header": journal_header,
    "essay_head": essay_head,
    "ebook": ebook,
    "head_shape": head_shape,
    "app_head": app_head,
    "property_table": property_table,
    "byline_head": byline_head,
    "numbered_contents": numbered_contents,
    "label_pairs": label_pairs,
    "record_box": record_box,
    "bio": bio,
    "standfirst": standfirst,
    "pull_quote": pull_quote,
    "signature": signature,
    "entry_sign": entry_sign,
    "thread": thread,
    "comment_count": comment_count,
    "epigraph": epigraph,
    "arrow_notes": arrow_notes,
    "page_foot_notes": page_foot_notes,
    "notes": notes,
    "caret_notes": caret_notes,
    "body": body,
    "notes_check": notes_check,
    "truncation": truncation,
}

__all__ = ["PASSES", "Pass"]
