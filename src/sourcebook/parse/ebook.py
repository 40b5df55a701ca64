"""An ebook reprint's frame: the licence header, the title page and the end line.

Ebook reprints of old texts (Project-Gutenberg-like archives and their mirrors)
frame the text with a header -- the archive's name, a licence paragraph and
"Label: value" lines (``Title:``, ``Author:``, ``Release date:``) -- closed by a
start line ("*** START OF THE … EBOOK … ***"), and with an end line ("*** END OF
…") followed by the licence in full.  The start line is sure evidence: every
line above it is the header (its labelled lines give the title, the author and
the date), and the end line and everything after it are the licence.  Below the
start line, the title page prints the title and the author again (often in
capitals, "BY NAME") and a one-line editorial note in underscores or brackets
("_Reprinted from …_"), and the volunteers' credit ("Produced by …"): blocks of
those forms before the text are removed as front matter.  A transcriber's note
heading between the text and the end line opens the archive's note on the
edition: removed to the end line.
The forms are data: ``[ebook]`` in ``layout.toml``.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from sourcebook.model import MetaField
from sourcebook.parse.blocks import RawBlock, explode
from sourcebook.parse.state import ParseState
from sourcebook.parse.vocabulary import layout_table

#: the title page stands within this many blocks below the start line
_FRONT_BLOCKS = 4


@dataclass(frozen=True, slots=True)
class _Forms:
    start: re.Pattern[str]
    end: re.Pattern[str]
    fields: dict[str, re.Pattern[str]]
    note: re.Pattern[str]
    transcriber: re.Pattern[str]
    credit: re.Pattern[str]


@functools.cache
def _forms() -> _Forms:
    data = layout_table("ebook")
    fields = {name: re.compile(str(p)) for name, p in dict(data["fields"]).items()}
    return _Forms(
        re.compile(str(data["start"])),
        re.compile(str(data["end"])),
        fields,
        re.compile(str(data["note"])),
        re.compile(str(data["transcriber"])),
        re.compile(str(data["credit"])),
    )


def ebook(state: ParseState) -> None:
    """Remove an ebook's frame and read its header (see the module docstring)."""
    forms = _forms()
    blocks = state.blocks
    start = next((i for i, b in enumerate(blocks) if forms.start.fullmatch(b.text)), None)
    if start is None or any(b.line in state.keep for b in blocks[: start + 1]):
        return
    fields: dict[str, str] = {}
    for block in explode(blocks[: start + 1]):
        _header_line(state, block, fields)
    end = next((i for i, b in enumerate(blocks) if i > start and forms.end.fullmatch(b.text)), None)
    tail = blocks[end:] if end is not None else []
    for block in tail:
        state.remove(block, "ebook licence", "ebook: the end line and the licence after it")
    body = blocks[start + 1 : end]
    note = next((i for i, b in enumerate(body) if forms.transcriber.fullmatch(b.text)), None)
    if note is not None and end is not None:
        for block in body[note:]:
            state.remove(block, "transcriber's note", "ebook: the note above the end line")
        body = body[:note]
    state.blocks = _front_matter(state, body, fields)


def _header_line(state: ParseState, block: RawBlock, fields: dict[str, str]) -> None:
    for name, pattern in _forms().fields.items():
        match = pattern.fullmatch(block.text)
        if match and name not in fields:
            value = match.group("value").strip()
            fields[name] = value
            if name == "title" and state.title_line is None:
                state.header["title"] = value
                state.title_line = block.line
                state.decide(block.line, "title", "ebook: the header's title line", 1.0)
            elif name != "title":
                state.metadata.append(MetaField(name, value, block.line))
            state.remove(block, "ebook header", f"ebook: the header's {name} line")
            return
    state.remove(block, "ebook header", "ebook: a line above the start line")


def _same(text: str, value: str | None) -> bool:
    return value is not None and " ".join(text.split()).casefold() == value.casefold()


def _front_matter(
    state: ParseState, blocks: list[RawBlock], fields: dict[str, str]
) -> list[RawBlock]:
    """The body less the title page's lines: the title and author again, a note."""
    author = fields.get("author")
    byline = f"by {author}" if author else None
    out = list(blocks)
    for block in blocks[:_FRONT_BLOCKS]:
        text = block.text
        if block.line in state.keep:
            break
        if _forms().credit.fullmatch(text):
            pass  # the volunteers' credit, on one line or several
        elif not block.single_line or not (
            _same(text, fields.get("title"))
            or _same(text, author)
            or _same(text, byline)
            or _forms().note.fullmatch(text)
        ):
            break
        state.remove(block, "front matter", "ebook: the title page below the start line")
        out.remove(block)
    return out


__all__ = ["ebook"]
