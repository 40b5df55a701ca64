"""Which strings may become links: the one predicate for HTML and PDF alike.

A link in the reader or the PDF is an ``href`` a reader clicks, so only plain
web links (``http``/``https`` with a host) and, where asked for, ``mailto:``
become links; everything else is shown as inert text.  Browsers are lenient
about what they accept as a scheme -- they strip leading spaces and control
characters, drop tabs and newlines anywhere, treat ``\\`` like ``/`` and read
``//host`` as "same scheme, other host" -- so any such character rejects the
string outright instead of being cleaned up.  The scheme itself is read by
:func:`urllib.parse.urlsplit`, never by hand.

>>> [web_link(u) for u in ("https://example.org/a?b=1&c", " javascript:alert(1)",
...                        "JaVaScRiPt:alert(1)", "//evil.example/x", "http://")]
['https://example.org/a?b=1&c', None, None, None, None]
>>> safe_href("page.html#x"), safe_href("java\\tscript:x"), safe_href("\\\\\\\\evil.example")
(True, False, False)
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlsplit

WEB_SCHEMES = ("http", "https")

#: characters a browser strips, folds or reinterprets before it reads the scheme,
#: plus those that end an attribute or a MyST/LaTeX argument
_NEVER = re.compile(r"[\s\x00-\x1f\x7f-\x9f<>\"'`\\{}|^]")
_MAILBOX = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
#: a relative link within the site: no scheme (nothing like ``x:`` before the first
#: ``/``, ``?`` or ``#``) and not protocol-relative
_SCHEMELESS = re.compile(r"(?![/\\]{2})[^:/?#]*(?:[/?#].*)?", re.DOTALL)


def _hidden_characters(url: str) -> bool:
    """Control, space, format (bidi, zero-width) or markup-ending characters."""
    if _NEVER.search(url):
        return True
    # no ASCII character is a format character: the per-character look-up is for the rest
    return not url.isascii() and any(unicodedata.category(c) == "Cf" for c in url)


def link_problem(url: str | None, *, mailto: bool = False) -> str | None:
    """Why *url* may not become a link, or ``None`` when it may.

    >>> link_problem("https://en.wikipedia.org/wiki/X") is None
    True
    >>> link_problem("data:text/html,<script>alert(1)</script>")
    'URL contains white space, control, format or markup characters'
    >>> link_problem("vbscript:msgbox(1)")
    "scheme 'vbscript:' is not allowed; use http or https"
    >>> link_problem("mailto:editors@example.org"), link_problem("mailto:a@b.org", mailto=True)
    ("scheme 'mailto:' is not allowed; use http or https", None)
    """
    if not url:
        return "URL is empty"
    if _hidden_characters(url):
        return "URL contains white space, control, format or markup characters"
    try:
        parts = urlsplit(url)
    except ValueError as exc:
        return f"URL cannot be parsed: {exc}"
    scheme = parts.scheme.lower()
    if mailto and scheme == "mailto":
        return None if _MAILBOX.fullmatch(parts.path) and not parts.query else "bad mail address"
    if not scheme:
        return "URL has no scheme; write it in full, starting with https://"
    if scheme not in WEB_SCHEMES:
        return f"scheme '{scheme}:' is not allowed; use http or https"
    if not parts.hostname or not parts.netloc:
        return "URL has no host"
    return None


def web_link(url: str | None, *, mailto: bool = False) -> str | None:
    """*url* itself when it may become a link, else ``None``."""
    return url if url is not None and link_problem(url, mailto=mailto) is None else None


def safe_href(uri: str) -> bool:
    """Whether *uri* may stand in an ``href`` of a built page.

    Web links, ``mailto:`` and links within the site (no scheme, not ``//host``)
    pass; every other scheme, and anything with hidden characters, does not.

    >>> [safe_href(u) for u in ("../claims.html#list-x", "#top", "mailto:a@b.org",
    ...                          "file:///etc/passwd", "data:,x", " http://x.org")]
    [True, True, True, False, False, False]
    """
    if web_link(uri, mailto=True) is not None:
        return True
    return not _hidden_characters(uri) and _SCHEMELESS.fullmatch(uri) is not None
