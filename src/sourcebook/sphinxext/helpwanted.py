"""The Help wanted page: the claims queue for volunteers, with a random-claim link.

``{helpwanted}`` stands where the list goes.  At read time it takes the
queue from :mod:`sourcebook.check.claimqueue` (the same data as ``sourcebook
claims --format json``, dated from the repository's history) and keeps it
as plain data on a placeholder; once every page is known it becomes
docutils nodes: each value is a text node, never markup.  When any page is
read again, the queue is made again and the page is read again if it changed
(:mod:`.aggregates`, by :func:`digest`); the ages it shows are counted to the
day it was built, which it states.

"Take me to a random claim" is an ordinary link to the list; a small script
(``sourcebook-helpwanted.js``) makes it open one claim of the list at random
instead.  Without the script the link still leads to the list.
"""

from __future__ import annotations

import datetime
import weakref
from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from sourcebook.check.claimqueue import Wanted, queue_from, queue_json, sort_queue
from sourcebook.sphinxext.corpusregistry import CorpusRegistry
from sourcebook.sphinxext.domain import digest_of, get_domain
from sourcebook.sphinxext.generate import env_registry
from sourcebook.sphinxext.roles import claim_target

LIST_ID = "help-wanted-list"
#: the kind of read-time list (``ClaimsDomain.reads``)
KIND = "helpwanted"

#: the queue made for a registry on a day: made once a build, whether to decide if the
#: page is read again or to read it
_QUEUES: weakref.WeakKeyDictionary[CorpusRegistry, tuple[datetime.date, list[Wanted]]] = (
    weakref.WeakKeyDictionary()
)


def _queue(reg: CorpusRegistry) -> tuple[datetime.date, list[Wanted]]:
    today = datetime.datetime.now(datetime.UTC).date()
    made = _QUEUES.get(reg)
    if made is None or made[0] != today:
        made = today, queue_from(Path(reg.root), reg.flagged(), reg.outlets, today)
        _QUEUES[reg] = made
    return made


def digest(reg: CorpusRegistry) -> str:
    """A hash of the queue as the page shows it (its order aside: the page's own option)."""
    today, queue = _queue(reg)
    return digest_of(queue_json(queue, today))


class helpwanted(nodes.General, nodes.Element):
    """Where the ``helpwanted`` directive stands; ``claims`` holds the queue's JSON items."""


class HelpWantedDirective(SphinxDirective):
    """``{helpwanted}`` with ``:sort: age`` (default, oldest first) or ``:sort: document``."""

    option_spec: ClassVar[dict[str, Callable[[str], Any]]] = {
        "sort": lambda value: directives.choice(value, ("age", "document"))
    }

    def run(self) -> list[nodes.Node]:
        # an aggregate list: read again when the queue changed (aggregates.py), not on
        # every build -- a build that changes nothing reads nothing
        reg = env_registry(self.env)
        claims: list[dict[str, Any]] = []
        today = datetime.datetime.now(datetime.UTC).date()
        if reg is not None:
            today, queue = _queue(reg)
            get_domain(self.env).note_read(self.env.docname, KIND, digest(reg))
            queue = sort_queue(queue, self.options.get("sort", "age"))
            claims = queue_json(queue, today)["claims"]
        return [helpwanted(claims=claims, as_of=today.isoformat())]


def _since(claim: dict[str, Any]) -> str:
    if claim["first_flagged"] is None:
        return "Waiting since: unknown (no history). "
    bound = "at least " if claim["history"] == "shallow" else ""
    days = claim["age_days"]
    return f"Waiting since {claim['first_flagged']} ({bound}{days} day{'' if days == 1 else 's'}). "


def _needs(resolve: dict[str, Any]) -> str:
    if resolve["needs"] == "source":
        return "Needs any source."
    if "subject" not in resolve:
        return "Needs an independent source."
    sites = ", ".join(resolve["not_domains"]) or "none listed"
    names = ", ".join(resolve["not_publishers"]) or "none listed"
    return (
        f"Needs a source independent of {resolve['subject_name']}: not on its sites "
        f"({sites}) and not published by it ({names})."
    )


def _item(app: Sphinx, docname: str, claim: dict[str, Any]) -> nodes.list_item:
    item = nodes.list_item(classes=["sourcebook-helpwanted-item"])
    head = nodes.paragraph()
    head += nodes.Text(f"“{claim['sentence']}” ")
    head += nodes.emphasis(text="[" + "; ".join(claim["flags"]) + "]")
    item += head
    meta = nodes.paragraph(classes=["sourcebook-claim-meta"])
    page = f"{app.config.sourcebook_pages_dir}/{claim['document']}"
    uri = app.builder.get_relative_uri(docname, page)
    ref = nodes.reference(
        "",
        "",
        internal=True,
        refuri=f"{uri}#{claim_target(claim['document'], claim['claim'])}",
        classes=["sourcebook-helpwanted-claim"],
    )
    ref += nodes.Text(f"Read it in “{claim['title']}”")
    changes = claim["source_changes"]
    meta += [ref, nodes.Text(". " + _since(claim))]
    meta += nodes.Text(f"Sources changed {changes} time{'' if changes == 1 else 's'}. ")
    meta += nodes.Text(_needs(claim["resolve"]) + " Resolve it with ")
    meta += nodes.literal(text=claim["resolve"]["command"])
    meta += nodes.Text(".")
    item += meta
    return item


def fill(app: Sphinx, docname: str, placeholders: list[helpwanted]) -> None:
    """Replace each of a page's help-wanted *placeholders* with the random link and the list
    (on doctree-resolved, from ``resolve.on_doctree_resolved``'s walk)."""
    for node in placeholders:
        claims = node["claims"]
        content: list[nodes.Node] = []
        summary = nodes.paragraph(classes=["sourcebook-claim-summary"])
        # the random link's target, as a label in the PDF too (a list's own id is not one)
        summary += nodes.target("", "", ids=[LIST_ID])
        summary += nodes.Text(
            f"{len(claims)} flagged claim{'' if len(claims) == 1 else 's'} waiting for a "
            f"source, as of {node['as_of']}, the longest-waiting first."
        )
        content.append(summary)
        if claims:
            random = nodes.paragraph()
            link = nodes.reference(
                "", "", internal=True, refuri=f"#{LIST_ID}", classes=["sourcebook-random-claim"]
            )
            link += nodes.Text("Take me to a random claim")
            random += link
            content.append(random)
        bullets = nodes.bullet_list(classes=["sourcebook-helpwanted-list"])
        for claim in claims:
            bullets += _item(app, docname, claim)
        content.append(bullets if claims else nodes.paragraph(text="No claim is waiting."))
        node.replace_self(content)


def register(app: Sphinx) -> None:
    app.add_node(helpwanted)
    app.add_directive("helpwanted", HelpWantedDirective)
    app.add_js_file("sourcebook-helpwanted.js", defer="defer")
