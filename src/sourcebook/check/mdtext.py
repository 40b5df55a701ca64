"""Contributor text in Markdown (the review, CI's job summary): always as code, never as markup.

Everything the review prints that a pull request can set -- titles, keys,
ids, field names, URLs, diagnostics and the contributor values they quote --
goes through :func:`code`: a code span, in which CommonMark and GitHub's
Markdown render nothing (no link, autolink, image, HTML, emphasis, heading or
table), fenced with more backticks than the text holds so a backtick in the
text cannot close it.  Line breaks and other unseen characters are shown
escaped, so a value cannot end its list item and start a block of its own.
"""

from __future__ import annotations

import re

from sourcebook.inputs.hygiene import unsafe_character

_BACKTICKS = re.compile(r"`+")
#: longest text shown; a review line is a summary, and GitHub caps the job summary
LIMIT = 500


def _visible(text: str) -> str:
    """*text* on one line with unseen characters written as escapes (``\\n``, ``\\u202e``)."""
    if unsafe_character(text, multiline=False) is None:
        return text
    return "".join(
        c if unsafe_character(c, multiline=False) is None else ascii(c)[1:-1] for c in text
    )


def code(text: str) -> str:
    """*text* as one inline code span, whatever it holds.

    >>> code("a"), code("x`y"), code("`"), code("![i](https://e.example/x.png)")
    ('`a`', '``x`y``', '`` ` ``', '`![i](https://e.example/x.png)`')
    """
    shown = _visible(text.replace("\t", " "))
    if len(shown) > LIMIT:
        shown = shown[:LIMIT] + "…"
    if not shown:
        return "` `"
    fence = "`" * (1 + max((len(m.group()) for m in _BACKTICKS.finditer(shown)), default=0))
    # a space on each side when the text starts or ends with a backtick or a space,
    # which CommonMark strips again (one on each side)
    pad = " " if shown[0] in "` " or shown[-1] in "` " else ""
    return f"{fence}{pad}{shown}{pad}{fence}"
