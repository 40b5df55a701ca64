"""Doctree nodes of the sourcebook extension.

Both are placeholders replaced on ``doctree-resolved``, so no builder ever
has to visit them.
"""

from __future__ import annotations

from docutils import nodes

#: the mark every claim gets whose cited source is not identified (not a Wikipedia flag)
UNIDENTIFIED = "source not identified"


class claim_flag(nodes.Inline, nodes.Element):
    """A flag of an unresolved claim; becomes a link to the claims page."""


class claimlist(nodes.General, nodes.Element):
    """Where a ``claimlist`` directive stands."""


class citedby(nodes.General, nodes.Element):
    """Where a ``citedby`` directive stands: the bibliography's backlinks."""
