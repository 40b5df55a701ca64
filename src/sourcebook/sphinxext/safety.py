"""Build safety: the build refuses what the checker refuses, and generated pages stay inert.

Three walls, from the outside in:

1. **The gate** (``builder-inited``, before any page is generated): the
   checker's rules run on the project; any error is printed as the checker
   prints it (``path:line:col: CODE message``) and the build stops with exit
   status 1 -- no traceback, no page written.
2. **Active nodes off on generated pages** (a read-time transform, before
   Sphinx's collectors and domains see the doctree): math, file downloads,
   images and figures, raw output and ``meta`` cannot come from an escaped
   page; should one appear, it is replaced by inert text (or dropped) and
   reported as SB703, so no file is copied, no MathJax loaded, nothing
   emitted verbatim into HTML or LaTeX.
3. **Links** (``doctree-resolved``, on every page, HTML and LaTeX alike): a
   reference whose target is not a web link or ``mailto:`` -- or, for a
   reference Sphinx marked internal, a link within the site
   (:func:`sourcebook.core.links.safe_href`) -- keeps its text and loses its link
   (SB703).  Bibliography ``url``, ``doi`` and ``\\url{}`` links are
   made by pybtex, outside the page generator; this is where they are held.

Also: file insertion and raw output are switched off for every page whatever
``docutils.conf`` says, and the provenance record of a page is linked by a
role of this extension (``{provenance}``) to a copy the extension makes
itself, so no contributor value ever names a file to publish.
"""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from docutils.parsers.rst.directives.tables import CSVTable
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.transforms import SphinxTransform
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective, SphinxRole
from sphinx.util.osutil import relative_uri

from sourcebook.core.diagnostics import Code, Severity
from sourcebook.core.identifiers import is_slug
from sourcebook.core.links import safe_href, web_link
from sourcebook.sphinxext.config import WARNING_TYPE
from sourcebook.sphinxext.gatecache import Verdict, inputs_key, load, store

if TYPE_CHECKING:
    from sourcebook.sphinxext.generate import GateResult

logger = logging.getLogger(__name__)

#: node types a generated page never holds; each becomes its text (or nothing)
_TO_TEXT: tuple[type[nodes.Node], ...] = (
    nodes.math,
    nodes.math_block,
    addnodes.download_reference,
)
_DROPPED: tuple[type[nodes.Node], ...] = (nodes.image, nodes.figure, nodes.raw, nodes.meta)

PROVENANCE_SUFFIX = ".provenance.json"


def project_root(app: Sphinx) -> Path | None:
    """The project root the extension reads (``sourcebook_root``), if generation is on."""
    root: str = app.config.sourcebook_root
    if not root:
        return None
    return (Path(app.confdir) / root).resolve()


def is_generated(config: Config, docname: str) -> bool:
    """Whether *docname* is a page the extension writes from contributor data."""
    from sourcebook.sphinxext.glossary import GLOSSARY_DOC

    pages = config.sourcebook_pages_dir
    return docname.startswith(f"{pages}/") or docname == GLOSSARY_DOC


def _report(node: nodes.Node, what: str, docname: str | None = None) -> None:
    logger.error(
        "%s %s was made inert",
        Code.ACTIVE_CONTENT.id,
        what,
        location=(docname, node.line) if docname else node,
        type=WARNING_TYPE,
        subtype=Code.ACTIVE_CONTENT.id,
    )


# -- 1. the gate -------------------------------------------------------------


def on_builder_inited_gate(app: Sphinx) -> None:
    """Run the checker (or replay its verdict on unchanged inputs); stop the build on errors."""
    root = project_root(app)
    if root is None:
        return
    errors = _verdict(app, root).errors
    for code, line in errors:
        logger.error(line, type=WARNING_TYPE, subtype=code)
    if errors and app.config.sourcebook_refuse_errors:
        logger.error(
            "sourcebook: the build is refused: `sourcebook check` reports %d error(s) (above)",
            len(errors),
            type=WARNING_TYPE,
            subtype="refused",
        )
        # exit status 1 with the messages above and no traceback: contributor data is
        # not a crash of Sphinx.  SystemExit passes Sphinx's event and CLI handlers.
        raise SystemExit(1)


def _verdict(app: Sphinx, root: Path) -> Verdict:
    """The checker's errors: replayed when the inputs are unchanged, else checked now.

    Or found already: the child process of :mod:`sourcebook.sphinxext.prepare`
    (earlier on this event) ran the gate and the page generator.
    """
    found: Verdict | None = getattr(app, "sourcebook_verdict", None)
    app.sourcebook_verdict = None  # type: ignore[attr-defined]
    if found is not None:
        return found
    key, verdict, gate = gate_verdict(root, getattr(app, "sourcebook_inputs_key", None))
    app.sourcebook_inputs_key = key  # type: ignore[attr-defined]  # the generator's too
    if gate is not None:
        # the generator (next on this event) uses the manifest and bibliography loaded here
        app.sourcebook_gate = gate  # type: ignore[attr-defined]
    return verdict


def gate_verdict(
    root: Path, key: str | None = None
) -> tuple[str | None, Verdict, GateResult | None]:
    """The inputs' key (*key*, if already computed), the checker's errors, and what the
    check loaded (if it ran)."""
    from sourcebook.check.run import run_check
    from sourcebook.corpus.cache import ParseCache
    from sourcebook.corpus.folders import FolderRecords
    from sourcebook.sphinxext.generate import GateResult

    key = key if key is not None else inputs_key(root)
    known = load(key) if key else None
    if known is not None:
        return key, known, None
    parser = ParseCache()
    records = FolderRecords(parser.home, root)
    report = run_check(root, parser=parser, records=records)
    # the documents hold only what the rules read (title and claims), so the pages parse
    # theirs through the parse cache
    corpus = replace(report.corpus, documents=())
    light = report.corpus.documents  # read through the kept results: for the help-wanted page
    errors = [d for d in report.diagnostics if d.severity is Severity.ERROR]
    verdict = Verdict(tuple((d.code.id, d.format()) for d in errors))
    if key:
        store(key, verdict)
    return key, verdict, GateResult(parser, corpus, light)


# -- 2. active nodes ---------------------------------------------------------


def on_builder_inited_settings(app: Sphinx) -> None:
    """No file insertion and no raw output on any page, whatever ``docutils.conf`` says."""
    app.env.settings["file_insertion_enabled"] = False
    app.env.settings["raw_enabled"] = False


class InertGeneratedPages(SphinxTransform):
    """Replace or drop active nodes on generated pages before anything collects them."""

    # after the parser's own transforms, before SphinxDomains (850) and doctree-read
    default_priority = 800

    def apply(self, **kwargs: Any) -> None:
        if not is_generated(self.config, self.env.docname):
            return
        for node in list(self.document.findall(nodes.Element)):
            if isinstance(node, _TO_TEXT):
                _report(node, f"{type(node).__name__} on a generated page")
                node.replace_self(nodes.literal(text=node.astext()))
            elif isinstance(node, _DROPPED):
                _report(node, f"{type(node).__name__} on a generated page")
                node.parent.remove(node)


def _refuse(name: str, location: str) -> None:
    logger.error(
        "%s the %r directive is disabled in this project (it reads files or emits raw output)",
        Code.ACTIVE_CONTENT.id,
        name,
        location=location,
        type=WARNING_TYPE,
        subtype=Code.ACTIVE_CONTENT.id,
    )


class RefusedDirective(SphinxDirective):
    """Stands in for ``include``, ``literalinclude`` and ``raw`` on every page.

    They read files or pass text through unescaped.  ``docutils.conf`` turns
    them off too, but that file is one edit away; a registered directive is not.
    """

    has_content = True
    optional_arguments = 1
    final_argument_whitespace = True
    option_spec = None  # accept any option: the directive is refused whatever it asks

    def run(self) -> list[nodes.Node]:
        _refuse(self.name, self.get_location())
        return []


class FileFreeCSVTable(CSVTable):
    """``csv-table`` with its data inline only: ``:file:`` and ``:url:`` are refused."""

    def run(self) -> Sequence[nodes.table | nodes.system_message]:
        if "file" in self.options or "url" in self.options:
            source, line = self.state_machine.get_source_and_line(self.lineno)
            _refuse(self.name, f"{source}:{line}")
            return []
        return super().run()


REFUSED_DIRECTIVES = ("include", "literalinclude", "raw")


# -- 3. links ----------------------------------------------------------------


def on_doctree_resolved_links(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Unlink every reference whose target is not safe (all pages, all builders)."""
    for ref in list(doctree.findall(nodes.reference)):
        uri = ref.get("refuri")
        if uri is None:
            continue
        # a link Sphinx or this extension made within the site may be relative; any
        # other (bibliography url, a page's link) must be a web link: a relative
        # "../../etc/passwd" in a PDF is a link to a file on the reader's machine
        if safe_href(uri) if ref.get("internal") else web_link(uri, mailto=True):
            continue
        _report(ref, f"link to {uri!r}", docname)
        ref.replace_self(nodes.inline("", "", *ref.children, classes=["sourcebook-unlinked"]))
    for image in list(doctree.findall(nodes.image)):
        if not safe_href(image.get("uri", "")) or "://" in image.get("uri", ""):
            _report(image, f"image {image.get('uri')!r}", docname)
            image.parent.remove(image)


# -- the provenance record ----------------------------------------------------


class provenance_link(nodes.Inline, nodes.Element):
    """Where the ``{provenance}`` role stands; resolved per builder."""


class ProvenanceRole(SphinxRole):
    """``{provenance}`record``` links this generated page's provenance record.

    The file name comes from the page's own docname, never from the role's
    text, so a page can link only its own record.
    """

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        slug = self.env.docname.rsplit("/", 1)[-1]
        if not is_generated(self.config, self.env.docname) or not is_slug(slug):
            return [nodes.Text(self.text)], []
        return [provenance_link(slug=slug, text=self.text)], []


def publishes_records(app: Sphinx) -> bool:
    """Whether the build publishes provenance records beside the pages.

    HTML sites do; an EPUB does not (a JSON file is no publication resource of
    EPUB 3, so a link to it would be a broken reference): it names the record.
    """
    return app.builder.format == "html" and app.builder.name != "epub"


def on_doctree_resolved_provenance(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    for node in list(doctree.findall(provenance_link)):
        slug = node["slug"]
        name = f"{slug}{PROVENANCE_SUFFIX}"
        if publishes_records(app):
            target = f"{app.config.sourcebook_pages_dir}/{name}"
            uri = relative_uri(app.builder.get_target_uri(docname), target)
            ref = nodes.reference(
                "", "", refuri=uri, internal=True, classes=["sourcebook-provenance-link"]
            )
            ref += nodes.literal(text=name)
            node.replace_self(ref)
        else:
            node.replace_self(nodes.literal(text=name))


def on_build_finished_copy(app: Sphinx, exception: Exception | None) -> None:
    """Copy each page's provenance record next to the page (HTML builders only)."""
    registry = getattr(app, "sourcebook_registry", None)
    if exception is not None or registry is None or not publishes_records(app):
        return
    pages = app.config.sourcebook_pages_dir
    source, target = Path(app.srcdir) / pages, Path(app.outdir) / pages
    for slug in registry.documents:
        if not is_slug(slug):
            continue
        record = source / f"{slug}{PROVENANCE_SUFFIX}"
        if record.is_file() and not record.is_symlink():
            target.mkdir(parents=True, exist_ok=True)
            _copy_if_changed(record, target / record.name)


def _copy_if_changed(source: Path, target: Path) -> None:
    """Copy with its times; skipped when the copy has the source's size and time already.

    The generator rewrites a record only when its bytes change, so size and
    modification time tell an up-to-date copy without reading either file.
    """
    try:
        have, want = target.lstat(), source.stat()
        if (have.st_size, have.st_mtime_ns) == (want.st_size, want.st_mtime_ns):
            return
    except OSError:
        pass  # no copy yet
    if target.is_symlink():
        target.unlink()
    shutil.copy2(source, target)


def setup(app: Sphinx) -> None:
    """Registered from the sourcebook extension's ``setup``."""
    # its configuration value, sourcebook_refuse_errors, is declared in config.py
    app.add_node(provenance_link)
    app.add_role("provenance", ProvenanceRole())
    app.add_transform(InertGeneratedPages)
    for name in REFUSED_DIRECTIVES:
        app.add_directive(name, RefusedDirective, override=True)
    app.add_directive("csv-table", FileFreeCSVTable, override=True)
    # before page generation (priority 500): a refused build writes no page
    app.connect("builder-inited", on_builder_inited_gate, priority=100)
    app.connect("builder-inited", on_builder_inited_settings)
    app.connect("doctree-resolved", on_doctree_resolved_provenance, priority=100)
    app.connect("doctree-resolved", on_doctree_resolved_links, priority=900)
    app.connect("build-finished", on_build_finished_copy)
