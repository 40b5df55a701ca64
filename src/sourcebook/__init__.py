"""sourcebook: raw source texts -> MyST pages with footnoted citations -> a checked Sphinx reader.

The package follows the data:
``source`` (bytes -> text) -> ``parse`` (text -> :mod:`model`) ->
``manifest``/``bibliography``/``corpus`` (model + apparatus + BibTeX) ->
``render`` (MyST pages) -> ``sphinxext`` (the reader) and ``check`` (the audit).
"""

__version__ = "0.1.0"
