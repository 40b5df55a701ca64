"""Is a source independent of the organisation a document is about?  And why.

A flag such as *independent source needed* is resolved only by a source the
subject does not publish.  The decision is made on evidence in this order,
and every verdict carries a sentence saying which evidence decided it:

1. the ``url``, **unwrapped** first: an archive or proxy copy
   (``web.archive.org/web/<time>/<url>``, archive.today and its mirrors,
   Google's cache, AMP caches) is judged by the page it copies, and ``www.``,
   ``m.``, ``mobile.`` and ``amp.`` prefixes are dropped;
2. its host against the subject's ``domains``: a domain matches itself and
   its sub-domains, label by label (``notworkersliberty.org`` does not match);
   the Public Suffix List tells which part of a host is registered, so a
   subject cannot list a public suffix (``co.uk``, ``github.io``) and claim
   every site under it;
3. the publisher-like fields against the subject's ``name`` and
   ``publishers``, **exactly** after normalisation (NFKC, case folded,
   apostrophes dropped, punctuation as spaces): "Solidarity Federation" is
   not "Solidarity";
4. an explicit ``affiliation`` field: it may add what the URL cannot show,
   but one that calls a source independent while its URL or publisher is the
   subject's is a contradiction, reported as an error, not obeyed.

The Public Suffix List comes from ``publicsuffixlist``, which bundles a dated
snapshot and never fetches one: checks run offline and give the same answer
on every machine with the same pinned version.
"""

from __future__ import annotations

import atexit
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import unquote, urlsplit

from publicsuffixlist import PublicSuffixList

from sourcebook.corpus.texcache import VerdictStore, value_key

AFFILIATED = "affiliated"
INDEPENDENT = "independent"
UNKNOWN = "unknown"

#: words an ``affiliation`` field uses to say "not affiliated with anyone"
_NONE = frozenset({"none", "independent", "no", "unaffiliated"})
_OUTLET_FIELDS = ("publisher", "journal", "howpublished", "organization", "institution")
#: host prefixes that serve the same site in another form
_PREFIXES = ("www.", "m.", "mobile.", "amp.")
_ARCHIVE_TODAY = frozenset(
    {"archive.today", "archive.ph", "archive.is", "archive.li", "archive.vn", "archive.fo"}
)
_ARCHIVE_TODAY |= {"archive.md"}
#: ``/web/20090721120000/``, ``/web/2009id_/``, ``/web/*/``
_WAYBACK = re.compile(r"^/web/[0-9*]{0,14}(?:[a-z]{2}_)?/(.+)$")
_EMBEDDED = re.compile(r"^(?:https?:/{1,2})?([^/?#]+\.[^/?#]+.*)$", re.IGNORECASE)


@lru_cache(maxsize=1)
def _psl() -> PublicSuffixList:
    return PublicSuffixList()  # the bundled snapshot; no network


@dataclass(frozen=True, slots=True)
class Unwrapped:
    """The address judged, and the copy it came from (``None`` when not a copy)."""

    url: str
    via: str | None = None
    #: the copy hides its original (an archive.today short link)
    opaque: bool = False


def _original(embedded: str, query: str = "") -> str | None:
    """The copied URL written inside an archive path, with a scheme."""
    text = unquote(embedded) if "%3A" in embedded[:12].upper() else embedded
    if query:
        text = f"{text}?{query}"
    match = _EMBEDDED.match(text)
    if not match:
        return None
    scheme = "https" if text.lower().startswith("https:") else "http"
    return f"{scheme}://{match.group(1)}"


def unwrap(url: str) -> Unwrapped:
    """The original behind an archive or proxy address (a few layers at most).

    >>> unwrap("https://web.archive.org/web/20090801000000/http://www.workersliberty.org/x").url
    'http://www.workersliberty.org/x'
    >>> unwrap("https://archive.ph/2020.01.01-000000/https://workersliberty.org/x").url
    'https://workersliberty.org/x'
    >>> unwrap("https://archive.ph/AbCdE").opaque
    True
    >>> unwrap("https://webcache.googleusercontent.com/search?q=cache:abc:https://a.org/p").url
    'https://a.org/p'
    >>> unwrap("https://www.google.com/amp/s/www.a.org/news/1.amp").url
    'https://www.a.org/news/1.amp'
    >>> unwrap("https://www-a-org.cdn.ampproject.org/c/s/www.a.org/news").url
    'https://www.a.org/news'
    """
    via: str | None = None
    for _ in range(4):
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        inner: str | None = None
        if host in ("web.archive.org", "wayback.archive.org"):
            match = _WAYBACK.match(parts.path)
            inner = _original(match.group(1), parts.query) if match else None
        elif host in _ARCHIVE_TODAY:
            path = re.sub(r"^/(?:newest|oldest|o/[^/]+|\d{4}[\d.\-]*)/", "/", parts.path)
            if path == parts.path and re.fullmatch(r"/[A-Za-z0-9]{4,8}/?", parts.path):
                return Unwrapped(url, host, opaque=True)
            inner = _original(path.lstrip("/"), parts.query)
        elif host == "webcache.googleusercontent.com":
            match = re.search(r"cache:(?:[^:/]+:)?(.+)$", unquote(parts.query))
            inner = _original(match.group(1)) if match else None
        elif host.endswith(".cdn.ampproject.org") or (
            host in ("www.google.com", "google.com") and parts.path.startswith("/amp/")
        ):
            path = re.sub(r"^/(?:amp/|c/)?(?:s/)?", "", parts.path)
            inner = f"https://{path}" + (f"?{parts.query}" if parts.query else "")
        if inner is None:
            return Unwrapped(url, via)
        via, url = via or host, inner
    return Unwrapped(url, via)


def site(host: str) -> str:
    """A host as a site: lower case, no trailing dot, no www./m./mobile./amp. prefix.

    >>> site("M.WorkersLiberty.org.")
    'workersliberty.org'
    >>> site("www.bbc.co.uk")
    'bbc.co.uk'
    """
    host = host.lower().rstrip(".")
    if not host.isascii():
        try:
            host = host.encode("idna").decode("ascii")
        except UnicodeError:
            return host
    changed = True
    while changed:
        changed = False
        for prefix in _PREFIXES:
            rest = host.removeprefix(prefix)
            # never strip down to a bare public suffix ("m.co.uk" stays)
            if rest != host and registered_domain(rest) is not None:
                host, changed = rest, True
    return host


_SUFFIXES: VerdictStore | None = None


def registered_domain(host: str) -> str | None:
    """The registrable part of *host* (``a.b.bbc.co.uk`` -> ``bbc.co.uk``), or ``None``.

    Kept between runs by host (:mod:`sourcebook.corpus.texcache`'s store, named by
    the list's package version): reading the bundled list took about 6 % of a warm
    check at 1,000 documents, for a dozen subject domains.

    >>> registered_domain("australia.workersliberty.org")
    'workersliberty.org'
    >>> registered_domain("co.uk") is None
    True
    """
    global _SUFFIXES
    if _SUFFIXES is None:
        _SUFFIXES = VerdictStore("public-suffix", ("publicsuffixlist",)).load()
        atexit.register(_SUFFIXES.save)
    name = host.lower().rstrip(".")
    key = value_key(name)
    found = _SUFFIXES.get(key)
    if found is None:
        private = _psl().privatesuffix(name)
        found = str(private) if private else ""  # a registrable domain is never empty
        _SUFFIXES.put(key, found)
    return found or None


def is_public_suffix(domain: str) -> bool:
    """A domain under which anyone can register a site (``co.uk``, ``github.io``)."""
    return registered_domain(domain) is None


def domain_matches(host: str, own: str) -> bool:
    """*host* is the subject's domain *own* or one of its sub-domains, label by label.

    >>> domain_matches("australia.workersliberty.org", "workersliberty.org")
    True
    >>> domain_matches("notworkersliberty.org", "workersliberty.org")
    False
    >>> domain_matches("workersliberty.org.evil.example", "workersliberty.org")
    False
    """
    own = site(own)
    return host == own or host.endswith("." + own)


def fold(name: str) -> str:
    """A name for exact comparison: NFKC, case folded, apostrophes dropped, words only.

    >>> fold("Workers’ Liberty") == fold("workers' liberty") == fold("WORKERS LIBERTY")
    True
    >>> fold("Solidarity Federation") == fold("Solidarity")
    False
    """
    text = unicodedata.normalize("NFKC", name).casefold()
    text = re.sub(r"['’‘`ʼ]", "", text)
    return " ".join(re.findall(r"\w+", text))


@dataclass(frozen=True, slots=True)
class Outlets:
    """What a subject owns, with where its file says so."""

    id: str
    name: str
    domains: tuple[str, ...]
    publishers: tuple[str, ...]
    #: ``seeds/subjects/<id>.toml:LINE`` of the subject's domains and publishers
    domains_at: str
    publishers_at: str


@dataclass(frozen=True, slots=True)
class Verdict:
    klass: str
    #: one sentence: which evidence decided, and where the subject's outlets are listed
    reason: str
    #: an explicit ``affiliation`` the evidence contradicts (an error), else ``None``
    contradiction: str | None = None


def _outlet_names(fields: Mapping[str, str]) -> list[str]:
    """Publisher-like values, whole and split at commas and semicolons."""
    names: list[str] = []
    for name in _OUTLET_FIELDS:
        value = fields.get(name)
        if value:
            names.append(value)
            names.extend(p for p in re.split(r"[,;]", value) if p.strip() != value.strip())
    return [n.strip() for n in names if n.strip()]


def _evidence(fields: Mapping[str, str], subject: Outlets) -> tuple[str | None, str | None, str]:
    """(affiliated reason, independent reason, unknown reason) from the URL and publisher."""
    url = fields.get("url")
    prefix = ""
    host = ""
    if url:
        unwrapped = unwrap(url)
        if unwrapped.opaque:
            return (
                None,
                None,
                f"url is an archive.today short link ({unwrapped.via}) that hides the page it "
                "copies; put the original address in url and the archive link in note",
            )
        if unwrapped.via:
            prefix = f"archive or proxy copy ({unwrapped.via}) of {unwrapped.url}: "
        host = site(urlsplit(unwrapped.url).hostname or "")
        for own in subject.domains:
            if host and domain_matches(host, own):
                return (
                    f"{prefix}url domain {host} is an outlet of the subject {subject.id} "
                    f"({subject.domains_at})",
                    None,
                    "",
                )
    owned = {fold(p): p for p in (*subject.publishers, subject.name)}
    outlets = _outlet_names(fields)
    for outlet in outlets:
        if fold(outlet) in owned:
            return (
                f"publisher '{outlet}' is an outlet of the subject {subject.id} "
                f"({subject.publishers_at})",
                None,
                "",
            )
    said = []
    if host:
        said.append(f"{prefix}url domain {host}")
    if outlets:
        said.append(f"publisher '{outlets[0]}'")
    if said:
        return (
            None,
            f"{' and '.join(said)} {'is' if len(said) == 1 else 'are'} not among the outlets "
            f"of the subject {subject.id} ({subject.domains_at})",
            "",
        )
    return None, None, "no url, publisher or affiliation field to decide by"


def classify(fields: Mapping[str, str], subject: Outlets) -> Verdict:
    """Affiliated, independent or unknown, with the reason (see the module docstring)."""
    affiliated, independent, unknown = _evidence(fields, subject)
    explicit = fields.get("affiliation")
    if explicit is None:
        if affiliated:
            return Verdict(AFFILIATED, affiliated)
        if independent:
            return Verdict(INDEPENDENT, independent)
        return Verdict(UNKNOWN, unknown)
    names = {fold(n) for n in re.split(r"[,;]", explicit) if n.strip()}
    own = {fold(subject.id), fold(subject.name), *(fold(p) for p in subject.publishers)}
    if names & own:
        return Verdict(AFFILIATED, f"affiliation field names the subject ('{explicit}')")
    if affiliated:
        return Verdict(
            AFFILIATED,
            affiliated,
            f"affiliation = {{{explicit}}} says independent of {subject.id}, but {affiliated}; "
            "remove the affiliation field, or correct the url or publisher",
        )
    if names <= _NONE:
        return Verdict(INDEPENDENT, f"affiliation field says '{explicit}'")
    return Verdict(
        INDEPENDENT, f"affiliation field names '{explicit}', not the subject {subject.id}"
    )
