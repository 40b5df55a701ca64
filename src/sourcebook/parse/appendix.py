"""A site's appendix closing a post: its licence and how to cite it.

Static-site generators for essays and notes (Quarto, Distill and their kind)
close a post with an appendix under short headings ("Reuse", "Citation"): the
licence ("CC BY 4.0"), a BibTeX entry and "please cite this work as" with the
post's reference.  None of it is the text.  The heading alone is no evidence
(an essay may have a section called "Citation"), so a block opening with one
of ``[tail] appendix_late`` heads (``layout.toml``) starts the appendix only
in the second half of the text and when a licence or citation line
(``appendix_evidence``) stands in it or in the few blocks after it.

Note-publishing sites close a note with a sidebar: the notes linking to it
("Links to this page", "Backlinks"), its contents and a graph.  A heading of
``sidebar_late`` alone on its line in the text's second half, with blocks under
it, starts it.
"""

from __future__ import annotations

import functools
import re

from sourcebook.parse.blocks import RawBlock
from sourcebook.parse.vocabulary import layout_table

#: the licence or citation line stands within this many blocks from the heading
_REACH = 4


@functools.cache
def _forms() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    data = layout_table("tail")
    return (
        re.compile(data["appendix_late"], re.IGNORECASE),
        re.compile(data["appendix_evidence"], re.IGNORECASE),
        re.compile(data["sidebar_late"], re.IGNORECASE),
    )


def site_appendix(blocks: list[RawBlock], index: int) -> bool:
    """Does block *index* open a site's appendix (see the module docstring)?"""
    heads, evidence, _ = _forms()
    if 2 * index < len(blocks) or not heads.fullmatch(blocks[index].lines[0]):
        return False
    return any(
        evidence.fullmatch(line.strip())
        for block in blocks[index : index + _REACH]
        for line in block.lines
    )


def site_sidebar(blocks: list[RawBlock], index: int) -> bool:
    """Does block *index* open a note site's closing sidebar: a heading of
    ``[tail] sidebar_late`` ("Links to this page", "Backlinks") alone on its line in the
    text's second half, with more blocks under it (its links)?"""
    block = blocks[index]
    return (
        2 * index >= len(blocks)
        and index + 1 < len(blocks)
        and block.single_line
        and bool(_forms()[2].fullmatch(block.text))
    )


@functools.cache
def _record_heads() -> re.Pattern[str]:
    return re.compile("|".join(layout_table("record_tail")["late_starts"]))


def record_apparatus(blocks: list[RawBlock], index: int) -> bool:
    """Does block *index*, in the text's second half, open a bibliographic record's
    apparatus under the abstract ("Similar articles", "MeSH terms": ``[record_tail]``)?"""
    block = blocks[index]
    head = block.text if block.single_line else block.lines[0]
    return 2 * index >= len(blocks) and _record_heads().fullmatch(head) is not None


def site_tail(blocks: list[RawBlock], index: int) -> str | None:
    """Why block *index* starts a site's closing furniture, if it does."""
    if site_appendix(blocks, index):
        return "site appendix"
    if record_apparatus(blocks, index):
        return "record apparatus"
    return "site sidebar" if site_sidebar(blocks, index) else None


__all__ = ["record_apparatus", "site_appendix", "site_sidebar", "site_tail"]
