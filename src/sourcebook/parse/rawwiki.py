"""An encyclopaedia page served as its raw wikitext (a mirror's "view source").

Some mirrors print an article's source instead of the rendered page: templates on
lines of their own (``{{short description|…}}``, ``{{reflist}}``, a navbox's
``{{Name}}``), a multi-line ``{{Infobox …`` with ``| key = value`` lines, ``[[File:…]]``
and ``[[Category:…]]`` lines, ``==Heading==`` lines, ``* `` list items, and inside
the text ``'''bold'''``, ``''italic''``, ``[[target|text]]``, ``[url text]``,
``<ref>…</ref>`` glued to sentence ends and ``{{citation needed|date=…}}``.

The text is read as wikitext only on evidence of several kinds of markup
(``[wikitext] min_kinds`` in ``layout.toml``); a page that merely mentions ``{{`` or
starts a line with ``| `` is left as it is.  Then each line is read as MediaWiki
renders it: template, file and category lines are furniture (the infobox becomes
the infobox table); a heading line is a heading; a ``<ref>`` becomes a marker
``[n]`` with its note (named references share one number); a maintenance
template of the vocabulary becomes its bracketed flag; the inline markup is
dropped.  Every character taken out is in the provenance record.  A template
left inside a sentence (one this module cannot render) stays as text, reported
(SB608).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from sourcebook.core.diagnostics import Code
from sourcebook.model import Footnote, Removed
from sourcebook.parse.blocks import RawBlock
from sourcebook.parse.infobox import fields_table
from sourcebook.parse.state import ParseState
from sourcebook.parse.vocabulary import layout_table
from sourcebook.parse.wikicite import cite_text, template_parts, value_template

_HEADING = re.compile(r"(={2,6})\s*([^=].*?)\s*\1")
_TEMPLATE_LINE = re.compile(r"\{\{[^{}]*(?:\{\{[^{}]*\}\}[^{}]*)*\}\}")
_TEMPLATE_OPEN = re.compile(r"\{\{\s*([^|{}]+?)\s*(?:\|.*)?")
_MEDIA_LINE = re.compile(r"\[\[\s*(?:File|Image)\s*:.*\]\]", re.IGNORECASE)
_CATEGORY_LINE = re.compile(r"\[\[\s*Category\s*:[^\]]*\]\]", re.IGNORECASE)
_BOLD = re.compile(r"'''''|'''|''")
_LINK = re.compile(r"\[\[([^\[\]|]*)(?:\|([^\[\]]*))?\]\]")
_EXTERNAL = re.compile(r"\[(?:https?:)?//[^\s\]]+(?: ([^\]]*))?\]")
_REF = re.compile(
    r"<ref(?P<attrs>[^>/]*)/>|<ref(?P<open>[^>/]*)>(?P<body>.*?)</ref>", re.IGNORECASE
)
_REF_NAME = re.compile(r"""name\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>/]+))""")
_INLINE_TEMPLATE = re.compile(r"\{\{([^{}|]+)((?:\|[^{}]*)?)\}\}")
_ITEM = re.compile(r"\*+\s*")


@dataclass(frozen=True, slots=True)
class _Data:
    min_kinds: int
    flags: dict[str, str]
    lists: frozenset[str]
    dates: frozenset[str]
    source_title: re.Pattern[str]
    head_lines: int


@functools.cache
def _data() -> _Data:
    """The ``[wikitext]`` table of ``layout.toml`` (read once)."""
    table = layout_table("wikitext")
    return _Data(
        int(table["min_kinds"]),
        {name.lower(): flag for name, flag in table["flag_templates"].items()},
        frozenset(n.lower() for n in table["reference_lists"]),
        frozenset(n.lower() for n in table["date_templates"]),
        re.compile(table["source_title"]),
        int(table["head_lines"]),
    )


def _kinds(lines: list[str]) -> set[str]:
    """Which kinds of wikitext markup the lines hold.

    >>> sorted(_kinds(["==History==", "The '''fen''' is [[wet]].", "{{reflist}}"]))
    ['bold', 'heading', 'link', 'template']
    >>> sorted(_kinds(["Type {{ and }} to open a template; '''this''' is bold."]))
    ['bold']
    """
    kinds: set[str] = set()
    for line in lines:
        if _HEADING.fullmatch(line):
            kinds.add("heading")
        if _TEMPLATE_LINE.fullmatch(line) or _TEMPLATE_OPEN.fullmatch(line):
            kinds.add("template")
        if _CATEGORY_LINE.fullmatch(line) or _MEDIA_LINE.fullmatch(line):
            kinds.add("file or category")
        if _LINK.search(line):
            kinds.add("link")
        if "'''" in line:
            kinds.add("bold")
        if _REF.search(line):
            kinds.add("ref")
    return kinds


@dataclass(slots=True)
class _Reader:
    state: ParseState
    data: _Data
    #: named references and their numbers
    names: dict[str, str] = field(default_factory=dict)
    out: list[RawBlock] = field(default_factory=list)
    #: the lines of the run of text being gathered: (line number, text, raw)
    run: list[tuple[int, str, str]] = field(default_factory=list)
    #: blank lines before the next block made (those above the text's block just begun)
    blanks: int = 0
    #: the text has no blank line: each line is a paragraph (wikitext's blank lines lost)
    per_line: bool = False

    def flush(self) -> None:
        if self.per_line and len(self.run) > 1:
            run, self.run = self.run, []
            for item in run:
                self.run = [item]
                self.flush()
            return
        if self.run:
            first = self.run[0]
            raw = tuple(r for _, _, r in self.run)
            indent = len(first[2]) - len(first[2].lstrip(" \t"))
            lines = tuple(t for _, t, _ in self.run)
            self.add(RawBlock(first[0], lines, raw, indent, 0))
            self.run = []

    def add(self, block: RawBlock) -> None:
        self.out.append(RawBlock(block.line, block.lines, block.raw, block.indent, self.blanks))
        self.blanks = 0

    def drop(self, line: int, raw: list[str], reason: str) -> None:
        self.flush()
        self.state.removed.append(Removed(line, "\n".join(raw), reason))
        self.state.decide(line, f"removed ({reason})", "raw_wikitext: a wikitext line", 0.9)

    def template(self, lines: list[tuple[int, str, str]], start: int) -> int:
        """A template opened on line *start* (an index); the index after it."""
        depth, end = 0, start
        for end in range(start, len(lines)):
            text = lines[end][1]
            depth += text.count("{{") - text.count("}}")
            if depth <= 0:
                break
        chunk = lines[start : end + 1]
        body = "\n".join(t for _, t, _ in chunk)
        name, params = template_parts(body)
        raw = [r for _, _, r in chunk]
        if name.lower().startswith("infobox") and params:
            self.infobox(chunk[0][0], name, params, raw)
        elif name.lower() in self.data.lists:
            self.drop(chunk[0][0], raw, "reference list")
        else:
            self.drop(chunk[0][0], raw, "wiki template")
        return end + 1

    def infobox(self, line: int, name: str, params: list[tuple[str, str]], raw: list[str]) -> None:
        """The infobox template: its named fields are the infobox table."""
        self.flush()
        rows = [(k.replace("_", " ").capitalize(), self.inline(line, v)) for k, v in params if v]
        self.state.removed.append(Removed(line, "\n".join(raw), f"infobox template ({name})"))
        # the infobox stands before the text, as MediaWiki floats it beside the lead
        self.state.front.append(fields_table(self.state, line, rows, self.state.profile.inline))
        self.state.decide(line, "infobox", "raw_wikitext: an infobox template", 0.9)

    def heading(self, line: int, match: re.Match[str], raw: str) -> None:
        self.flush()
        text = self.inline(line, match.group(2))
        self.state.removed.append(Removed(line, match.group(1) * 2, "wiki markup"))
        self.state.headings.add(line)
        self.state.decide(line, "heading", "raw_wikitext: a ==heading== line", 0.95)
        self.add(RawBlock(line, (text,), (raw,), 0, 0))

    def inline(self, line: int, text: str) -> str:
        """*text* as the reader sees it: references as markers, flags in brackets,
        links and emphasis as plain text; what is taken out goes to the record."""
        taken: list[str] = []
        text = _REF.sub(lambda m: self.reference(line, m, taken), text)
        text = _INLINE_TEMPLATE.sub(lambda m: self.flag(line, m, taken), text)
        text = _LINK.sub(lambda m: _keep(m, m.group(2) or m.group(1), taken), text)
        text = _EXTERNAL.sub(lambda m: _keep(m, m.group(1) or "", taken), text)
        text = _BOLD.sub(lambda m: _keep(m, "", taken), text)
        if taken:
            self.state.removed.append(Removed(line, " ".join(taken), "wiki markup"))
            # the audit reads the seed's lines: this one's markup is read, not chrome
            self.state.settled.add(line)
        return text

    def reference(self, line: int, match: re.Match[str], taken: list[str]) -> str:
        """A ``<ref>``: its note (once a name), and the marker where it stood."""
        taken.append(match.group(0))
        attrs = match.group("attrs") or match.group("open") or ""
        named = _REF_NAME.search(attrs)
        name = next((g for g in named.groups() if g), None) if named else None
        if name is not None and name in self.names:
            return f"[{self.names[name]}]"
        label = str(len(self.state.footnotes) + 1)
        body = match.group("body")
        if body is None:
            return ""  # a reuse of a name never defined: nothing to point at
        self.state.footnotes.append(Footnote(label, cite_text(body), line))
        if name is not None:
            self.names[name] = label
        return f"[{label}]"

    def flag(self, line: int, match: re.Match[str], taken: list[str]) -> str:
        """A template inside the text: a maintenance flag, a value, else left as printed."""
        flag = self.data.flags.get(match.group(1).strip().lower())
        args = match.group(2).split("|")[1:]
        value = value_template(match.group(1), args, self.data.dates)
        if value is not None:
            taken.append(match.group(0))
            return value
        if flag is None:
            self.state.warn(
                line,
                1,
                Code.STRUCTURE_UNSURE,
                f"a template inside the text, {{{{{match.group(1).strip()}}}}}, is left as"
                " printed (score 0.5): only maintenance templates are read",
            )
            return match.group(0)
        taken.append(match.group(0))
        return f"[{flag}]"


def _keep(match: re.Match[str], kept: str, taken: list[str]) -> str:
    """Replace *match* by *kept*, recording the rest as taken out."""
    whole = match.group(0)
    taken.append(whole.replace(kept, " ", 1) if kept else whole)
    return kept


def raw_wikitext(state: ParseState) -> None:
    """Read a page served as wikitext as MediaWiki renders it (see the module)."""
    lines = [
        (b.line + i, t, r)
        for b in state.blocks
        for i, (t, r) in enumerate(zip(b.lines, b.raw, strict=True))
    ]
    data = _data()
    if len(_kinds([t for _, t, _ in lines])) < data.min_kinds:
        return
    reader = _Reader(state, data, per_line=len(state.blocks) == 1)
    starts = {b.line: b.blanks_before for b in state.blocks}
    index = 0
    while index < len(lines):
        line, text, raw = lines[index]
        if line in starts:
            reader.flush()  # a blank line ended the run
            reader.blanks = starts[line]
        if line in state.keep:
            reader.run.append((line, text, raw))
        elif _TEMPLATE_OPEN.fullmatch(text) or _TEMPLATE_LINE.fullmatch(text):
            index = reader.template(lines, index)
            continue
        elif (title := data.source_title.fullmatch(text)) and _head(state, line, data):
            reader.drop(line, [raw], "source view title")
            state.header["title"] = title.group("title")
            state.title_line = line
            state.decide(line, "title", "raw_wikitext: the source view's title line", 0.9)
        elif _MEDIA_LINE.fullmatch(text):
            reader.drop(line, [raw], "figure")
        elif _CATEGORY_LINE.fullmatch(text):
            reader.drop(line, [raw], "categories")
        elif heading := _HEADING.fullmatch(text):
            reader.heading(line, heading, raw)
        else:
            reader.run.append((line, _item(state, line, reader.inline(line, text)), raw))
        index += 1
    reader.flush()
    state.blocks = reader.out


def _head(state: ParseState, line: int, data: _Data) -> bool:
    """Is *line* among the page's first lines, with no title taken yet?"""
    return line <= data.head_lines and "title" not in state.header


def _item(state: ParseState, line: int, text: str) -> str:
    """A ``* `` list item as a bulleted line (its star goes to the record)."""
    mark = _ITEM.match(text)
    if mark is None:
        return text
    state.removed.append(Removed(line, mark.group(0).strip(), "wiki markup"))
    return "• " + text[mark.end() :]


__all__ = ["raw_wikitext"]
