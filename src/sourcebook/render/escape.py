"""Escaping untrusted text for MyST, so that no seed text becomes markup.

Seeds and bibliography fields arrive by pull request.  Every ASCII character
that can start MyST or CommonMark syntax (roles, directives, substitutions,
HTML, links, emphasis, footnotes, math, comments, tables) is backslash-
escaped; CommonMark guarantees an escaped ASCII punctuation character is a
literal.  Block-level triggers at the start of a line are neutralised too.
"""

from __future__ import annotations

import re

from sourcebook.core.links import web_link

_INLINE_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~$&])")
_LINE_START_MARK = re.compile(r"^(\s*)([-+=:%(!])", re.MULTILINE)
#: indentation after a line break (the text itself may start mid-line, after markup)
_INDENT = re.compile(r"(?<=\n)[ \t]+")
_LINE_START = re.compile(r"^(\s*)(\d+)([.)])", re.MULTILINE)
#: the two line-start rules at the start of a text of one line, the only line start it has
_FIRST_MARK = re.compile(r"(\s*)([-+=:%(!])")
_FIRST_NUMBER = re.compile(r"(\s*)(\d+)([.)])")


def escape(text: str) -> str:
    r"""Escape *text* so MyST renders it literally.

    >>> escape("{raw}`<script>alert(1)</script>`")
    '\\{raw\\}\\`\\<script\\>alert(1)\\</script\\>\\`'
    >>> escape("1. not a list")
    '1\\. not a list'

    Letters, digits, spaces and non-ASCII typography pass unchanged:

    >>> escape("Workers’ Liberty — “quoted”")
    'Workers’ Liberty — “quoted”'
    """
    if "\n" not in text and "\r" not in text:
        return _escape_line(text)
    return _escape_lines(text)


def _escape_lines(text: str) -> str:
    """:func:`escape` of any text."""
    # CommonMark ends a line at CR too: make every line end one Python's ^ sees
    escaped = text.replace("\r\n", "\n").replace("\r", "\n")
    # indentation means nothing in a paragraph, but four spaces would start a code block
    escaped = _INDENT.sub("", escaped)
    escaped = _INLINE_SPECIAL.sub(r"\\\1", escaped)
    escaped = _LINE_START_MARK.sub(r"\1\\\2", escaped)
    return _LINE_START.sub(r"\1\2\\\3", escaped)


def _escape_line(text: str) -> str:
    """:func:`escape` of a text with no line break: the paragraphs' sentences, nearly every call.

    The same rules, but the line-start ones tried at the start only (``^``
    under MULTILINE follows a ``\\n`` alone), not at every character: a page's
    text was scanned four times, a third of rendering it.
    """
    escaped = _INLINE_SPECIAL.sub(r"\\\1", text)
    found = _FIRST_MARK.match(escaped)
    if found:
        escaped = f"{found[1]}\\{found[2]}{escaped[found.end() :]}"
    found = _FIRST_NUMBER.match(escaped)
    if found:
        escaped = f"{found[1]}{found[2]}\\{found[3]}{escaped[found.end() :]}"
    return escaped


def one_line(text: str) -> str:
    r""":func:`escape` for a one-line field (title, author, date): line breaks become spaces.

    >>> print(one_line("A title\n```{eval-rst}"))
    A title \`\`\`\{eval-rst\}
    """
    return escape(" ".join(text.split()))


def safe_url(url: str | None) -> str | None:
    """Return *url* if it may become a link (:func:`sourcebook.core.links.web_link`).

    >>> safe_url("https://example.org/a?b=1"), safe_url("javascript:alert(1)"), safe_url("http://")
    ('https://example.org/a?b=1', None, None)
    """
    return web_link(url)


def code(text: str) -> str:
    """A CommonMark code span showing *text* literally, whatever backticks it holds.

    Inside a code span nothing is markup, and only a run of backticks as long
    as the fence ends it, so the fence is one longer than the longest run in
    *text*.  Text with a line break cannot be a code span: it is escaped.

    >>> code("seeds/a.txt"), code("a`{download}`b")
    ('`seeds/a.txt`', '``a`{download}`b``')
    >>> code("`x")
    '`` `x ``'
    """
    if not text or "\n" in text or "\r" in text:
        return escape(text)
    fence = "`" * (max((len(run) for run in re.findall("`+", text)), default=0) + 1)
    pad = " " if text.startswith(("`", " ")) or text.endswith(("`", " ")) else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def link(url: str | None, text: str | None = None) -> str:
    """A MyST link for a safe URL; the escaped text for an unsafe one."""
    checked = safe_url(url)
    if checked is None:
        return escape(text or url or "")
    if text is None:
        return f"<{checked}>"
    return f"[{escape(text)}](<{checked}>)"
