"""The ``claimlist`` and ``citedby`` directives (placeholders, filled later)."""

from __future__ import annotations

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from sourcebook.corpus.load import STATUSES
from sourcebook.sphinxext.domain import get_domain
from sourcebook.sphinxext.nodes import citedby, claimlist


def _statuses(argument: str) -> list[str]:
    values = argument.split()
    for value in values:
        if value not in STATUSES:
            raise ValueError(f"unknown status {value!r}; use {', '.join(STATUSES)}")
    return values


class ClaimListDirective(SphinxDirective):
    """List the corpus's claims, grouped by document, with backlinks.

    ``:status:`` keeps only claims with the given statuses.
    """

    option_spec = {"status": _statuses}  # noqa: RUF012

    def run(self) -> list[nodes.Node]:
        node = claimlist(statuses=self.options.get("status", []))
        get_domain(self.env).lists.add(self.env.docname)
        return [node]


class CitedByDirective(SphinxDirective):
    """For every bibliography entry, the pages and claims that cite it."""

    def run(self) -> list[nodes.Node]:
        get_domain(self.env).lists.add(self.env.docname)
        return [citedby()]


__all__ = ["CitedByDirective", "ClaimListDirective", "directives"]
