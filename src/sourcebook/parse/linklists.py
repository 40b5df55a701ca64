"""Link-list sections: the lines under a "See also" heading are links, not prose.

A MediaWiki extract keeps a "See also" (or "Related articles", "External
links") section as bare lines, one linked title each, with the list marks
lost.  Read as body text they become one-line paragraphs or, being short and
unpunctuated, headings.  Under a heading the vocabulary names
(``[link_sections]`` in ``parse/layout.toml``), consecutive blocks whose every
line reads as a link's text (short, no sentence end) become one bullet list;
a block that reads as a sentence stays a paragraph.
"""

from __future__ import annotations

import re

from sourcebook.parse.blocks import RawBlock
from sourcebook.parse.vocabulary import vocabulary

#: a sentence's end: a stop, question or exclamation mark, maybe before a quote or marker
_SENTENCE_END = re.compile(r"[.!?][”\"’)]*(?:\[\w{1,6}\])*$")
#: a link's text is a title: a few words
_MAX_WORDS = 10


def opens_link_section(heading: str, kind: str) -> bool:
    """Is *heading* one of the vocabulary's link-list section headings (for *kind*)?

    >>> opens_link_section("See also", "wikipedia"), opens_link_section("History", "wikipedia")
    (True, False)
    """
    vocab = vocabulary()
    return kind in vocab.link_section_kinds and heading.strip().lower() in vocab.link_sections


def link_lines(block: RawBlock) -> bool:
    """Every line of *block* reads as a link's text: a few words, no sentence end.

    >>> link_lines(RawBlock(1, ("Housing in Eastvale", "Rent strike"), ("",), 0, 1))
    True
    >>> link_lines(RawBlock(1, ("The union grew quickly.",), ("",), 0, 1))
    False
    """
    return all(
        0 < len(line.split(maxsplit=_MAX_WORDS)) <= _MAX_WORDS
        and not _SENTENCE_END.search(line.strip())
        for line in block.lines
    )


__all__ = ["link_lines", "opens_link_section"]
