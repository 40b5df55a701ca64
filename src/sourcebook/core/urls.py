"""URL rules: which links a contributor may put in the bibliography or manifest.

Links end up as ``href`` attributes in the reader and in the PDF, so only
plain web links are allowed: ``http`` or ``https`` with a real host name.
Everything is decided by :func:`urllib.parse.urlsplit`, never by hand.
"""

from __future__ import annotations

import ipaddress
import re
from urllib.parse import urlsplit

from sourcebook.core.links import link_problem

ALLOWED_SCHEMES = ("http", "https")

#: characters that never belong in a written URL: a sign of a paste error or of an injection
_FORBIDDEN = re.compile(r"[\s<>\"'\\{}`\x00-\x1f\x7f]")
_LABEL = re.compile(r"(?!-)[a-z0-9-]{1,63}(?<!-)")

#: ``scheme://...`` inside free text (notes, howpublished)
_EMBEDDED = re.compile(r"(?<![\w.+-])([A-Za-z][A-Za-z0-9+.-]*://[^\s{}<>\"]+)")
#: pseudo-schemes that run code or embed content; never valid anywhere in a field
_ACTIVE = re.compile(
    r"(?i)(?<![\w.+-])(?:javascript|vbscript|livescript)\s*:"
    r"|(?<![\w.+-])data:[a-z]+/[\w.+-]+[;,]"
)
#: sentence punctuation that follows a URL in prose but is not part of it
_TRAILING = ".,;:!?)]'’"


def _host_problem(host: str) -> str | None:
    """Why *host* is not a usable web host name (``None`` when it is).

    >>> _host_problem("en.wikisource.org.") is None  # a fully qualified name
    True
    >>> _host_problem("bad_host.org")
    "host 'bad_host.org' is not a valid domain name"
    """
    literal = host.strip("[]")
    # an IP address is digits and dots, or holds a colon: other names skip the attempt
    if ":" in literal or (literal and not literal.strip("0123456789.")):
        try:
            ipaddress.ip_address(literal)
            return None
        except ValueError:
            pass
    try:
        ascii_host = host.encode("idna").decode("ascii") if not host.isascii() else host
    except UnicodeError:
        return f"host '{host}' is not a valid domain name"
    labels = ascii_host.lower().removesuffix(".").split(".")
    if len(labels) < 2 or not all(_LABEL.fullmatch(label) for label in labels):
        return f"host '{host}' is not a valid domain name"
    return None


def url_problem(url: str) -> str | None:
    """Why *url* may not be used as a link, or ``None`` when it may.

    >>> url_problem("https://en.wikipedia.org/wiki/Alliance_for_Workers%27_Liberty") is None
    True
    >>> url_problem("javascript:alert(1)")
    "scheme 'javascript:' is not allowed; use http or https"
    >>> url_problem("https://good.org@evil.example/")
    'user name or password in the URL (a link can hide its real host this way)'
    >>> url_problem("http://x.org/a b")
    'URL contains white space, quotes, braces, backslashes or control characters'
    """
    if not url:
        return "URL is empty"
    if _FORBIDDEN.search(url):
        return "URL contains white space, quotes, braces, backslashes or control characters"
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 -- urlsplit checks the port lazily, on access
    except ValueError as exc:
        return f"URL cannot be parsed: {exc}"
    scheme = parts.scheme.lower()
    if not scheme:
        return "URL has no scheme; write it in full, starting with https://"
    if scheme not in ALLOWED_SCHEMES:
        return f"scheme '{scheme}:' is not allowed; use http or https"
    if parts.username is not None or parts.password is not None:
        return "user name or password in the URL (a link can hide its real host this way)"
    if not parts.hostname:
        return "URL has no host"
    # and never pass what the renderer would refuse to link (sourcebook.core.links)
    return _host_problem(parts.hostname) or link_problem(url)


#: ``\path|...|`` / ``\url!...!``: the url package's delimited form; the closing
#: delimiter ends the link (it is not part of it)
_DELIMITED = re.compile(r"\\(?:path|url|nolinkurl)\s*([^\w\s{}\\])(.*?)\1", re.S)


def urls_in_text(text: str) -> list[str]:
    """Links written inside prose, without the punctuation that ends a sentence.

    >>> urls_in_text("see https://cacctu.wordpress.com/2009/11/ ; and (http://x.org/a).")
    ['https://cacctu.wordpress.com/2009/11/', 'http://x.org/a']
    >>> urls_in_text(r"online at \\path|https://x.org/a|, or \\url!http://y.org/b!")
    ['https://x.org/a', 'http://y.org/b']
    """
    text = _DELIMITED.sub(lambda match: f" {match.group(2)} ", text)
    return [match.rstrip(_TRAILING) for match in _EMBEDDED.findall(text)]


def active_schemes(text: str) -> list[str]:
    """Script or data pseudo-URLs anywhere in *text*.

    >>> active_schemes("click JavaScript:alert(1) or data:text/html;base64,xx")
    ['JavaScript:', 'data:text/html;']
    >>> active_schemes("the data: 2009 figures; a javascript library")
    []
    """
    return [match.group(0).replace(" ", "") for match in _ACTIVE.finditer(text)]
