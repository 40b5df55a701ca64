"""Resolve pybtex's default plugins once per process, not once per citation.

sphinxcontrib-bibtex instantiates the formatting style for every ``footcite``
role, and the style's constructor looks up its name, label and sorting
plugins; pybtex finds a plugin it was not given at run time by scanning the
entry points of every installed distribution.  At a thousand documents that
scan was a fifth of the Sphinx read phase.  Registering each default plugin
with :func:`pybtex.plugin.register_plugin` (pybtex's public API) makes later
look-ups a dictionary access.
"""

from __future__ import annotations

from pybtex import plugin

#: the plugin groups a formatting style looks up when it is constructed
GROUPS = ("pybtex.style.names", "pybtex.style.labels", "pybtex.style.sorting")


def preload_defaults() -> None:
    """Register the installed default plugin of each group under its own name."""
    for group in GROUPS:
        name = plugin._DEFAULT_PLUGINS[group]
        plugin.register_plugin(group, name, plugin.find_plugin(group, name), force=True)
