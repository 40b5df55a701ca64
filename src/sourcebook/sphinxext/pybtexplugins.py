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
"""

from __future__ import annotations

from importlib.metadata import entry_points

from pybtex import plugin

#: groups whose default plugin a formatting style looks up when it is constructed
STYLE_GROUPS = ("pybtex.style.names", "pybtex.style.labels", "pybtex.style.sorting")
#: groups looked up by name for every rendered entry or written database
NAMED_GROUPS = ("pybtex.backends", "pybtex.database.output")


def preload_defaults() -> None:
    """Register the default style plugins and every installed backend and writer."""
    for group in STYLE_GROUPS:
        name = plugin._DEFAULT_PLUGINS[group]
        plugin.register_plugin(group, name, plugin.find_plugin(group, name), force=True)
    for group in NAMED_GROUPS:
        # an alias (``text`` for ``plaintext``) is registered under the group itself,
        # so that its look-up stops at the first dictionary
        for suffix in ("", ".aliases"):
            for point in entry_points(group=group + suffix):
                plugin.register_plugin(group, point.name, point.load(), force=True)
