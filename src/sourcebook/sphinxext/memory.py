"""Bounded doctree caches: a build's peak memory no longer grows with the corpus.

Sphinx (9.0) keeps two in-memory doctree caches on the environment, both
private attributes:

``_write_doc_doctree_cache``
    In a serial read, ``Builder.write_doctree`` stores every document's
    doctree there (about 1 MB each in memory) until the write phase pops it,
    so at the end of reading all N doctrees are alive at once.
``_pickled_doctree_cache``
    ``env.get_doctree`` keeps the pickled bytes (about 110 KB) of every
    doctree it has read from disk, for the rest of the build.

``sourcebook_doctree_cache`` bounds the first: when a document is read, the
oldest cached doctrees are evicted so that, with the one being read, at most
that many are kept; Sphinx then reads the evicted ones back from the doctree
pickles it has already written (the cost is unpickling them).  The second is
emptied as the write phase goes: once a document's doctree is resolved, the
bytes it was read from are dropped; anything that asks for that doctree again
(a numbered figure's reference, say) reads it from its pickle on disk, which
does not change during the write phase, so the output is the same.

Both attributes are looked up defensively: if a future Sphinx renames them,
the bounds do nothing (``tests/test_memory.py`` fails, so the upgrade is
noticed).  In a parallel read the first cache is not used (the doctrees stay
in the worker processes); the handlers then find nothing to evict.
"""

from __future__ import annotations

import atexit
import gc

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

#: the environment's private caches this module bounds (Sphinx 9.0)
WRITE_CACHE = "_write_doc_doctree_cache"
PICKLED_CACHE = "_pickled_doctree_cache"


def _cache(env: BuildEnvironment, name: str) -> dict[str, object] | None:
    cache = getattr(env, name, None)
    return cache if isinstance(cache, dict) else None


def _evict(env: BuildEnvironment, keep: int) -> None:
    """Evict the oldest cached doctrees until at most *keep* remain."""
    cache = _cache(env, WRITE_CACHE)
    if cache is None:
        return
    while len(cache) > keep:
        # dicts keep insertion order: the first key is the doctree read first
        del cache[next(iter(cache))]


def on_doctree_read(app: Sphinx, doctree: nodes.document) -> None:
    """Make room for the doctree being read: ``write_doctree`` adds it just after."""
    _evict(app.env, max(app.config.sourcebook_doctree_cache - 1, 0))


def on_env_updated(app: Sphinx, env: BuildEnvironment) -> None:
    """Hold the bound at the end of reading too (it matters for a bound of 0)."""
    _evict(env, app.config.sourcebook_doctree_cache)


def on_doctree_resolved(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Drop the pickled bytes this doctree was read from; it is resolved and about to be written.

    The root document is kept: Sphinx asks for it again (``master_doctree``,
    the single-page and LaTeX builders), and it is only one.
    """
    cache = _cache(app.env, PICKLED_CACHE)
    if cache is not None and docname != app.config.root_doc:
        cache.pop(docname, None)


#: the young generation's threshold during a build (CPython's default: 700 allocations)
YOUNG_THRESHOLD = 10_000


def freeze_heap(app: Sphinx, *args: object) -> None:
    """Move every object alive now out of the cyclic collector's reach (``gc.freeze``).

    After start-up and after loading the environment the heap holds millions of
    long-lived objects (modules, the environment's indexes, the generator's
    cache, the doctrees read), and each full collection walked them all; a
    young collection every 700 allocations promoted the build's working
    objects to be walked again.  Together that was a fifth to a third of a
    one-seed rebuild's CPU at 300 documents.  The frozen objects live to the
    end of the build anyway; garbage made later is collected as before, only
    less often.  :func:`thaw_heap` undoes both when the build ends; an application
    that never builds (its set-up failed) leaves them until the process's next build
    ends, which for ``sphinx-build`` is the process's end.
    """
    if not getattr(app, "_sourcebook_gc", None):
        setattr(app, "_sourcebook_gc", gc.get_threshold())  # noqa: B010
        gc.set_threshold(YOUNG_THRESHOLD, *gc.get_threshold()[1:])
    gc.freeze()


def thaw_heap(app: Sphinx, exception: BaseException | None) -> None:
    """Give the collector back what :func:`freeze_heap` took (a process may build again).

    And at the process's exit, freeze everything again (:func:`freeze_at_exit`).
    """
    threshold = getattr(app, "_sourcebook_gc", None)
    if threshold:
        gc.unfreeze()
        gc.set_threshold(*threshold)
        setattr(app, "_sourcebook_gc", None)  # noqa: B010
    if freeze_at_exit not in _REGISTERED:
        _REGISTERED.append(freeze_at_exit)
        atexit.register(freeze_at_exit)


#: the exit handler, once registered in this process
_REGISTERED: list[object] = []


def freeze_at_exit() -> None:
    """Leave the finished build's objects to the operating system at the process's exit.

    The application, its environment and the generator's data hold references
    to one another, so they are freed only by the collector, and Python's
    shutdown ran a last collection that walked and freed them all: about
    1.7 of 4 CPU s of a no-op rebuild at 1,000 documents.  Frozen at exit,
    they are skipped; the process ends the same way (exit handlers registered
    later have already run, earlier ones run after this, and the exit status is
    untouched), its memory returned whole.
    """
    gc.freeze()


def register(app: Sphinx) -> None:
    # once the configuration is valid (the modules imported so far; the environment is
    # unpickled after it, under the raised threshold: a configuration refused at
    # ``config-inited`` leaves the process's collector as it found it, since no
    # ``build-finished`` would thaw it), then once the environment is loaded and once
    # the corpus is
    app.connect("config-inited", freeze_heap, priority=999)
    app.connect("builder-inited", freeze_heap, priority=1)
    app.connect("builder-inited", freeze_heap, priority=999)
    app.connect("build-finished", thaw_heap, priority=999)
    # late, so that other handlers (and the tests' probes) see the cache as
    # ``write_doctree`` left it: at most the bound
    app.connect("doctree-read", on_doctree_read, priority=900)
    app.connect("env-updated", on_env_updated)
    # last, after every other handler has used the doctree
    app.connect("doctree-resolved", on_doctree_resolved, priority=900)
