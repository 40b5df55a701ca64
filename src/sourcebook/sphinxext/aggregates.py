"""Pages of corpus-wide lists, read or written again only when what they show changed.

Two kinds of list stand on such pages:

* made while the page is **read**, from the corpus registry (the home page's
  document list, the help-wanted queue).  Each records, in the claims domain,
  a digest of what it showed (``ClaimsDomain.note_read``).  When any page is read again,
  the digest is computed again from the registry, before reading
  (:func:`on_env_get_outdated`), and the page is read again only if it differs;
* filled when the page is **written**, from the claims every page recorded
  while it was read (the claims list, cited-by).  After reading, one digest of
  those claims and of everything else the lists show (note numbers, the
  bibliography's labels, titles) is compared with the one kept when the pages
  were last written (:func:`on_env_get_updated`); they are written again only if
  it differs.  That digest is kept beside the doctrees, per output directory, once
  the build has finished (:func:`on_build_finished`), not in the environment
  (pickled before the pages are written): a build that stops while writing
  leaves the old digest, so the next one writes the lists again.  The bibliography's
  pages are of this kind too ("Cited in", "Reproduced in this reader"), under a digest
  of their own that leaves out the claims' text (:func:`bibliography_digest`).

Before, both kinds were read and written again whenever any page was: at 1,000
documents the claims (3.3 MB), help-wanted (1.4 MB) and home (0.4 MB) pages on
every one-seed edit, whether or not the edit changed them.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Callable
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from sourcebook.core.files import write_atomic
from sourcebook.sphinxext import doclist, helpwanted
from sourcebook.sphinxext.corpusregistry import CorpusRegistry, registry
from sourcebook.sphinxext.domain import get_domain

#: kind of read-time list -> its digest from the registry (the list's own data)
READ_DIGESTS: dict[str, Callable[[CorpusRegistry], str]] = {
    doclist.KIND: doclist.digest,
    helpwanted.KIND: helpwanted.digest,
}


def on_env_get_outdated(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """When any page is read again: the pages whose read-time lists' data changed."""
    reads = get_domain(env).reads
    if not (added or changed or removed) or not reads:
        return []
    reg = registry(app)
    if reg is None:
        return sorted(reads)
    now: dict[str, str] = {}
    outdated = []
    for docname, kinds in reads.items():
        for kind, digest in kinds.items():
            if kind not in now:
                made = READ_DIGESTS.get(kind)
                now[kind] = made(reg) if made is not None else ""
            if now[kind] != digest:
                outdated.append(docname)
                break
    return sorted(outdated)


def _citations(app: Sphinx) -> list[tuple[str, str, str, str]]:
    return sorted(
        (c.key, c.citation_id, c.formatted_entry.label, c.bibliography_key.docname)
        for c in app.env.get_domain("cite").citations  # type: ignore[attr-defined]
    )


def written_digest(app: Sphinx) -> str:
    """A hash of everything the write-time lists show: claims, notes, labels, titles.

    Fed a document at a time, in docname order (a partial rebuild reads documents in
    another order than a full one): never the whole corpus's text in one string.
    """
    domain = get_domain(app.env)
    reg = registry(app)
    digest = hashlib.sha256()
    for docname in sorted(domain.claims.keys() | domain.notes.keys()):
        found = (docname, domain.claims.get(docname), sorted(domain.notes.get(docname, {}).items()))
        digest.update(repr(found).encode("utf-8"))
    digest.update(repr(_citations(app)).encode("utf-8"))
    if reg is not None:
        for entry in reg.entries.values():
            digest.update(repr((entry.slug, entry.title, entry.bibkey)).encode("utf-8"))
        for key in sorted(reg.bibliography.sources):
            title = reg.bibliography.sources[key].fields.get("title", "")
            digest.update(repr((key, title)).encode("utf-8"))
    return digest.hexdigest()[:24]


def bibliography_digest(app: Sphinx) -> str:
    """A hash of what the bibliography's "Cited in" and "Reproduced in this reader" lines
    and editors' notes show (``resolve._annotate_bibliography``): where each claim with
    sources is and which, note numbers, titles, the entries' notes; not the claims'
    text, which an edit to a seed most often changes and the bibliography does not show."""
    domain = get_domain(app.env)
    reg = registry(app)
    digest = hashlib.sha256()
    for docname in sorted(domain.claims.keys() | domain.notes.keys()):
        cited = [
            (c.line, c.document, c.target, c.markers, c.sources)
            for c in domain.claims.get(docname, ())
            if c.sources
        ]
        found = (docname, cited, sorted(domain.notes.get(docname, {}).items()))
        digest.update(repr(found).encode("utf-8"))
    digest.update(repr(_citations(app)).encode("utf-8"))
    if reg is not None:
        for entry in reg.entries.values():
            cites = [(c.label, c.keys) for c in entry.citations]
            digest.update(repr((entry.slug, entry.title, entry.bibkey, cites)).encode("utf-8"))
        for key in sorted(reg.bibliography.sources):
            note = reg.bibliography.sources[key].fields.get("note", "")
            digest.update(repr((key, note)).encode("utf-8"))
    return digest.hexdigest()[:24]


def _kept_file(app: Sphinx) -> Path:
    where = hashlib.sha256(str(Path(app.outdir).resolve()).encode()).hexdigest()[:16]
    return Path(app.doctreedir) / f"sourcebook-lists-{app.builder.name}-{where}.json"


def _kept(app: Sphinx) -> dict[str, str]:
    """The digests kept when the pages were last written: ``digest`` (the lists'),
    ``bibliography``."""
    try:
        found = json.loads(_kept_file(app).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return found if isinstance(found, dict) else {}


def on_env_before_read_docs(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """Whether this build reads any page (else the write-time lists cannot have changed)."""
    app.sourcebook_read_any = bool(docnames)  # type: ignore[attr-defined]


def _bibliography_pages(env: BuildEnvironment) -> set[str]:
    """The pages of sphinxcontrib-bibtex's bibliographies: each entry gets its "Cited in"
    and "Reproduced in this reader" lines when the page is written (``resolve.py``), so
    they are write-time lists too."""
    cite = env.get_domain("cite")
    return {key.docname for key in cite.bibliographies}  # type: ignore[attr-defined]


def on_env_get_updated(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """After reading: the pages of write-time lists, if what they show changed."""
    lists, bibliographies = get_domain(env).lists, _bibliography_pages(env)
    if not (lists or bibliographies) or not getattr(app, "sourcebook_read_any", False):
        return []
    now = {"digest": written_digest(app), "bibliography": bibliography_digest(app)}
    app.sourcebook_lists_digest = now  # type: ignore[attr-defined]
    kept = _kept(app)
    pages = set(lists) if now["digest"] != kept.get("digest") else set()
    if now["bibliography"] != kept.get("bibliography"):
        pages |= bibliographies
    return sorted(pages)


def on_build_finished(app: Sphinx, exception: BaseException | None) -> None:
    """The pages are written: keep the digest of what their lists showed."""
    digests = getattr(app, "sourcebook_lists_digest", None)
    if exception is not None or digests is None:
        return
    # if it cannot be written, the old digests stay: the lists are written again next time
    with contextlib.suppress(OSError):
        write_atomic(_kept_file(app), json.dumps(digests), durable=False)


def register(app: Sphinx) -> None:
    app.connect("env-get-outdated", on_env_get_outdated)
    app.connect("env-before-read-docs", on_env_before_read_docs)
    app.connect("env-get-updated", on_env_get_updated)
    app.connect("build-finished", on_build_finished)
