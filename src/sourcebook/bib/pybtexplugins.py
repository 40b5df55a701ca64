"""Resolve pybtex's plugins once per process, not once per citation.

pybtex finds a plugin it was not given at run time by scanning the entry
points of every installed distribution (~3 ms a scan, two for an alias).
sphinxcontrib-bibtex constructs a formatting style for every ``footcite``
role (the style looks up its name, label and sorting plugins), and every
rendered entry looks up its backend by name (``text``, ``html``, ``latex``,
``docutils``); at a hundred documents these scans were a fifth of the build.
Registering the installed plugins of those groups with
:func:`pybtex.plugin.register_plugin` (pybtex's public API) makes every later
look-up a dictionary access.

``register_plugin`` itself asks ``importlib.metadata.entry_points`` whether
the name is installed before it looks at ``force`` -- one scan of every
installed distribution per registration, fifteen of them at start-up, half a
second of every build.  The installed entry points do not change while a
build runs, so pybtex's look-ups are given one scan's result, selected from
(:func:`installed_entry_points`).

Every command path scans once (:func:`memoise_entry_points`: the ``sourcebook``
command before it dispatches, 8 ms) and whatever labels or formats a whole
reference list registers the plugins (:func:`ensure_preloaded`: the Sphinx
extension when it is set up, :func:`sourcebook.render.bibstyle.labels_by_key`;
about 0.1 s, most of it importing the backends): outside Sphinx, labelling
2,118 entries without either took 75 s, nearly all of it scanning.
This module imports no Sphinx, so a command that preloads does not pay for it.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib.metadata import EntryPoints, entry_points
from typing import Any

from pybtex import plugin

#: groups whose default plugin a formatting style looks up when it is constructed
STYLE_GROUPS = ("pybtex.style.names", "pybtex.style.labels", "pybtex.style.sorting")
#: groups looked up by name for every rendered entry or written database
NAMED_GROUPS = ("pybtex.backends", "pybtex.database.output")


def installed_entry_points() -> Callable[..., EntryPoints]:
    """``entry_points(group=..., name=...)`` answered from one scan of the installed packages."""
    # every installed entry point, from one scan (Python 3.11 returns them grouped,
    # 3.12 as one list: both select by group and name)
    scanned: Any = entry_points()

    def select(**params: Any) -> EntryPoints:
        found: EntryPoints = scanned.select(**params)
        return found

    return select


_DONE: list[bool] = []


def memoise_entry_points() -> None:
    """Answer pybtex's look-ups from one scan (about 8 ms, no plugin imported)."""
    if not getattr(plugin.entry_points, "sourcebook_scanned", False):
        select = installed_entry_points()
        select.sourcebook_scanned = True  # type: ignore[attr-defined]
        plugin.entry_points = select  # pybtex's module-level name: its look-ups use it


def ensure_preloaded() -> None:
    """:func:`preload_defaults`, once per process."""
    if not _DONE:
        preload_defaults()
        _DONE.append(True)


def preload_defaults() -> None:
    """Register the default style plugins and every installed backend and writer."""
    memoise_entry_points()
    for group in STYLE_GROUPS:
        name = plugin._DEFAULT_PLUGINS[group]
        plugin.register_plugin(group, name, plugin.find_plugin(group, name), force=True)
    for group in NAMED_GROUPS:
        # an alias (``text`` for ``plaintext``) is registered under the group itself,
        # so that its look-up stops at the first dictionary
        for suffix in ("", ".aliases"):
            for point in plugin.entry_points(group=group + suffix):
                plugin.register_plugin(group, point.name, point.load(), force=True)
