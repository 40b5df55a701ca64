"""A wiki's tagline under the page's title: "From SITE, the … anyone can write".

MediaWiki sites other than an encyclopaedia (citizen-journalism wikis, project
wikis) print their tagline right under the title, "From SITE, the news source
you can write!", then the skip links "Jump to: navigation, search".  Read as
text the two lines glue to the title and make a paragraph of it.  Among the
page's first ``top_lines`` lines, above its first line of prose, a line of the
tagline's form (``[site_tagline] pattern`` in ``layout.toml``) is removed and
names the site when no rule named one (a menu's first line may be a word the
vocabulary knows, "Open Newswire" read as an agency); a skip-link line
(``skip_links``) beside it is removed with it.  "From the archive, …" or a
sentence opening "From X, the …" below the first line of prose stays text.
"""

from __future__ import annotations

import functools
import re

from sourcebook.parse.blocks import RawBlock, runs_without, sub_block
from sourcebook.parse.state import ParseState
from sourcebook.parse.vocabulary import layout_table

#: a line of this many words is prose: the head has ended
_PROSE_WORDS = 15


@functools.cache
def _forms() -> tuple[re.Pattern[str], re.Pattern[str], int]:
    data = layout_table("site_tagline")
    return re.compile(data["pattern"]), re.compile(data["skip_links"]), int(data["top_lines"])


def site_tagline(state: ParseState) -> None:
    """Remove the wiki's tagline and skip links; the tagline names the site."""
    tagline, skips, top = _forms()
    for index, block in enumerate(state.blocks):
        if block.line > top or any(len(t.split()) >= _PROSE_WORDS for t in block.lines):
            return
        at = next((o for o, t in enumerate(block.lines) if tagline.fullmatch(t)), None)
        if at is None or block.line + at in state.keep:
            continue
        drop = {at} | {o for o in (at - 1, at + 1) if 0 <= o < len(block.lines)}
        drop = {o for o in drop if o == at or skips.fullmatch(block.lines[o])}
        below = state.blocks[index + 1] if index + 1 < len(state.blocks) else None
        if at == len(block.lines) - 1 and below is not None and skips.fullmatch(below.text):
            state.remove(below, "site tagline", "site_tagline: a wiki's skip links")
            del state.blocks[index + 1]  # the skip links in a block of their own
        _remove(state, index, block, drop)
        match = tagline.fullmatch(block.lines[at])
        if match is not None and "site" not in state.header:
            state.header["site"] = match.group("site")
            state.decide(block.line + at, "site", "site_tagline: the wiki's tagline", 0.9)
        return


def _remove(state: ParseState, index: int, block: RawBlock, drop: set[int]) -> None:
    for offset in sorted(drop):
        state.remove(
            sub_block(block, offset, offset + 1), "site tagline", "site_tagline: a wiki's tagline"
        )
    state.blocks[index : index + 1] = runs_without(block, drop)


__all__ = ["site_tagline"]
