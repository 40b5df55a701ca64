"""The ``{claim}`` role: stands after the markers of every claim on a page."""

from __future__ import annotations

from docutils import nodes
from sphinx.util import logging
from sphinx.util.docutils import SphinxRole

from sourcebook.core.diagnostics import Code
from sourcebook.corpus.load import UNSOURCED
from sourcebook.sphinxext.config import WARNING_TYPE
from sourcebook.sphinxext.domain import ClaimEntry, get_domain
from sourcebook.sphinxext.generate import env_registry
from sourcebook.sphinxext.nodes import UNIDENTIFIED, claim_flag

logger = logging.getLogger(__name__)


def claim_target(document: str, claim: str) -> str:
    """Anchor id of a claim; holds the slug so ids stay unique across pages."""
    return f"claim-{document}-{claim}"


class ClaimRole(SphinxRole):
    """``{claim}`ref-5 [5][flag]``` registers claim ``ref-5`` of this page's document.

    The role's text is the claim id, then the markers as written.

    It renders the claim's unresolved flags the way Wikipedia readers know
    them: a small bracketed italic note that links to the claims list.
    """

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        slug = self.env.docname.rsplit("/", 1)[-1]
        claim_id = self.text.split(maxsplit=1)[0] if self.text.strip() else ""
        reg = env_registry(self.env)
        record = reg.claims.get((slug, claim_id)) if reg else None
        if record is None:
            logger.warning(
                "%s unknown claim %r on page %r",
                Code.UNKNOWN_CLAIM.id,
                claim_id,
                slug,
                location=self.get_location(),
                type=WARNING_TYPE,
                subtype=Code.UNKNOWN_CLAIM.id,
            )
            return [], []
        doc = reg.documents[slug] if reg else None
        target = claim_target(slug, claim_id)
        # the claim's own anchor stands at its start ({claimstart}); this one ends it
        node = nodes.inline(
            classes=["sourcebook-claim", f"status-{record.status}"], ids=[target + "-end"]
        )
        sourced = bool(record.sources)
        if record.flagged and not record.resolved:
            for flag in record.claim.flags:
                node += claim_flag(flag=flag, target=target, sourced=sourced)
        elif record.status == UNSOURCED and record.claim.markers:
            node += claim_flag(flag=UNIDENTIFIED, target=target, sourced=False)
        entry = ClaimEntry(
            docname=self.env.docname,
            document=slug,
            claim=claim_id,
            line=record.claim.line,
            text=record.claim.text,
            markers=record.claim.markers,
            flags=record.claim.flags,
            sources=record.sources,
            status=record.status,
            target=target,
            seed=f"seeds/{doc.entry.file}" if doc else "",
        )
        get_domain(self.env).add_claim(entry)
        self.env.events.emit("claim-defined", entry)
        return [node], []


class ClaimStartRole(SphinxRole):
    """``{claimstart}`ref-5``` marks where claim ``ref-5``'s sentence begins.

    The claim's anchor: jumps from the claims list, the bibliography and
    previews land here, so the whole sentence is in view.  A target node,
    so the PDF gets a label too.
    """

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        slug = self.env.docname.rsplit("/", 1)[-1]
        target = nodes.target("", "", ids=[claim_target(slug, self.text.strip())])
        target["classes"].append("sourcebook-claim-start")
        # wrapped: Sphinx's target reordering looks up each target's place among its
        # siblings, O(n) in a paragraph of n claims and O(n²) for all; alone in an inline
        # it is found at once (the HTML keeps the class and the id on the target's span)
        return [nodes.inline("", "", target)], []
