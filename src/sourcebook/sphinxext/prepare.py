"""The build's gate and page generator in a child process, so their memory is not the build's.

The gate (the checker over the whole corpus) and the page generator (which
parses and renders every changed document) each allocate in proportion to
the corpus, and Python seldom returns a freed heap to the system: run in the
Sphinx process, what they allocated stayed in its resident set for the whole
build, under the environment and the doctrees that reading adds.  When the
inputs changed since the gate's kept verdict or the generator's last run, and
``seeds/`` holds at least ``sourcebook_isolate_from`` documents, both run
in a child process started with the ``spawn`` method (a fresh interpreter:
no copy of the Sphinx process, nothing inherited but the arguments), which
hands back only what the build needs: the gate's verdict and the registry of
documents the directives read (manifest, bibliography, outlets, mentions,
summaries).  Its memory goes back to the system when it ends.

What the child logs is handed back as log records and re-emitted in the Sphinx
process, in order, so ``-W``, locations and warning types behave as in-process.
A small corpus, or a no-op rebuild (the verdict replayed, nothing parsed),
stays in-process: starting an interpreter costs about a CPU second.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import sys
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.errors import ExtensionError
from sphinx.util import logging as sphinx_logging

from sourcebook.core.diagnostics import Code, Diagnostic
from sourcebook.inputs import layout
from sourcebook.render.outdir import Refused
from sourcebook.sphinxext.config import WARNING_TYPE, config_location
from sourcebook.sphinxext.corpusregistry import install
from sourcebook.sphinxext.gatecache import FileHashes, Verdict, inputs_key, load
from sourcebook.sphinxext.generate import GateResult, Generated, Output, generate_incremental
from sourcebook.sphinxext.generatecache import CACHE_FILE
from sourcebook.sphinxext.safety import gate_verdict, project_root

logger = sphinx_logging.getLogger(__name__)


@dataclass(slots=True)
class Prepared:
    """The gate's and the generator's results, as the child hands them back."""

    key: str | None
    verdict: Verdict
    #: the generator's results, or the output directory it refused (SB800); ``None``
    #: when the gate refused the build (the generator did not run)
    generated: Generated | Diagnostic | None = None
    records: list[logging.LogRecord] = field(default_factory=list)
    #: the child's peak resident set (MiB), for the build's log
    peak_mib: float = 0.0


def documents_in(root: Path) -> int:
    """How many folders ``seeds/`` holds (about the number of documents; cheap)."""
    try:
        with os.scandir(root / "seeds") as found:
            return sum(1 for entry in found if entry.is_dir(follow_symlinks=False))
    except OSError:
        return 0


#: at most this many document folders changed since the last walk of the inputs: the
#: gate and the generator stay in-process (see :func:`few_documents`)
FEW_CHANGED = 8


def few_documents(touched: list[str] | None) -> bool:
    """Whether *touched* (the input files changed since the last walk) are the files of
    at most :data:`FEW_CHANGED` document folders, and nothing corpus-wide.

    Then the gate judges again only those documents (the others' verdicts are
    kept) and the generator parses and renders only them: what they allocate is
    small, and a child would cost more than their work (a fresh interpreter
    importing the checker and the generator, and every result pickled both
    ways: about 1.4 of a one-seed rebuild's 8.8 CPU s at 1,000 documents).  A
    subject, entity or bibliography file may change the pages of any number of
    documents, and new code (no earlier walk) all of them: those go to the child.
    """
    if touched is None:
        return False
    folders = set()
    for name in touched:
        parts = name.split("/")
        in_folder = len(parts) == 3 and parts[0] == layout.SEEDS
        if not in_folder or parts[1] in layout.RESERVED or parts[2] not in layout.DOCUMENT_FILES:
            return False
        folders.add(parts[1])
    return len(folders) <= FEW_CHANGED


def wants_child(root: Path, threshold: int, generated: Path) -> tuple[bool, str | None]:
    """Whether to prepare in a child, and the inputs' key if computed.

    A child when the corpus is large and the inputs changed since the gate's
    kept verdict or since the generator's last run (*generated*, its
    :data:`~sourcebook.sphinxext.generatecache.KEY_FILE`): then the checker or the
    generator has work in proportion to what changed, unless that is a few
    documents' files (:func:`few_documents`; a *threshold* of 0 sends even those).
    A no-op rebuild stays here.
    """
    if documents_in(root) < threshold:
        return False, None
    hashes = FileHashes(root)
    key = inputs_key(root, hashes)
    try:
        last = generated.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        last = ""
    work = not key or load(key) is None or last != key
    return work and (threshold == 0 or not few_documents(hashes.touched())), key


class _Collect(logging.Handler):
    """Keeps every record logged under ``sphinx.*`` in the child, its message formatted."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        # arguments may not pickle: the message is formatted here, as Sphinx would
        record.msg, record.args, record.exc_info = record.getMessage(), None, None
        self.records.append(record)


@contextmanager
def _collected() -> Iterator[list[logging.LogRecord]]:
    handler = _Collect()
    sphinx_logger = logging.getLogger("sphinx")
    sphinx_logger.addHandler(handler)
    sphinx_logger.setLevel(logging.DEBUG)
    sphinx_logger.propagate = False
    try:
        yield handler.records
    finally:
        sphinx_logger.removeHandler(handler)


def prepare(
    root: Path, output: Output, link_entities: bool, refuse: bool, key: str | None
) -> Prepared:
    """The gate, then (unless it refuses the build) the page generator: the child's work."""
    with _collected() as records:
        key, verdict, gate = gate_verdict(root, key)
        prepared = Prepared(key, verdict, records=records)
        if verdict.errors and refuse:
            return prepared
        same = gate is not None and gate.corpus.root.resolve() == root
        try:
            prepared.generated = generate_incremental(
                root,
                output,
                link_entities,
                gate.parser if gate else None,
                gate.corpus if gate and same else None,
                key,
                gate.light if gate and same else (),
            )
        except Refused as refused:
            prepared.generated = refused.diagnostic  # an exception's own pickling loses it
    prepared.peak_mib = _peak_mib()
    return prepared


def _peak_mib() -> float:
    """This process's peak resident set in MiB (0 where the platform does not say)."""
    try:
        import resource
    except ImportError:  # Windows
        return 0.0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 1024  # bytes there, else KiB


def prepare_in_child(
    root: Path, output: Output, link_entities: bool, refuse: bool, key: str | None
) -> Prepared:
    """:func:`prepare` in a fresh interpreter; its log records re-emitted here, in order."""
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        prepared = pool.submit(prepare, root, output, link_entities, refuse, key).result()
    for record in prepared.records:
        logging.getLogger(record.name).handle(record)
    prepared.records = []
    logger.info(
        "sourcebook: the gate and the page generator ran in a child process (peak %.0f MiB)",
        prepared.peak_mib,
    )
    return prepared


def on_builder_inited(app: Sphinx) -> None:
    """Before the gate (priority 100): run it and the generator in a child if that is worth it.

    The gate and the generator, later on this event, find the child's results
    on the application (``sourcebook_verdict``, ``sourcebook_generated``) and
    only report them; else they run in-process as before.
    """
    root = project_root(app)
    if root is None:
        return
    output = output_of(app)
    child, key = wants_child(root, app.config.sourcebook_isolate_from, output.key_file)
    app.sourcebook_inputs_key = key  # type: ignore[attr-defined]
    if not child:
        return
    link = bool(app.config.sourcebook_link_entities)
    refuse = bool(app.config.sourcebook_refuse_errors)
    prepared = prepare_in_child(root, output, link, refuse, key)
    app.sourcebook_inputs_key = prepared.key  # type: ignore[attr-defined]
    app.sourcebook_verdict = prepared.verdict  # type: ignore[attr-defined]
    done = prepared.generated
    found = Refused(done) if isinstance(done, Diagnostic) else done
    app.sourcebook_generated = found  # type: ignore[attr-defined]


def output_of(app: Sphinx) -> Output:
    """Where this build's pages go, and what guards that directory."""
    where = Diagnostic(*config_location(app, "sourcebook_pages_dir"), Code.BAD_CONFIG, "")
    return Output(
        Path(app.srcdir) / app.config.sourcebook_pages_dir,
        Path(app.doctreedir) / CACHE_FILE,
        (Path(app.srcdir), Path(app.confdir)),
        where,
    )


def _generate(app: Sphinx, root: Path) -> Generated:
    """The generator's results: the child process's (:mod:`.prepare`), else generated here."""
    done: Generated | Refused | None = getattr(app, "sourcebook_generated", None)
    app.sourcebook_generated = None  # type: ignore[attr-defined]
    if isinstance(done, Refused):
        raise done
    if done is not None:
        return done
    # the gate's parse cache and corpus, handed over once: not kept past this event
    gate: GateResult | None = getattr(app, "sourcebook_gate", None)
    app.sourcebook_gate = None  # type: ignore[attr-defined]
    same = gate is not None and gate.corpus.root.resolve() == root
    return generate_incremental(
        root,
        output_of(app),
        bool(app.config.sourcebook_link_entities),
        gate.parser if gate else None,
        gate.corpus if gate and same else None,
        getattr(app, "sourcebook_inputs_key", None),
        gate.light if gate and same else (),
    )


def on_generate(app: Sphinx) -> None:
    """The page generator on ``builder-inited``: its results reported, its registry installed."""
    if not app.config.sourcebook_root:
        return
    root = (Path(app.confdir) / app.config.sourcebook_root).resolve()
    try:
        reg, work, errors = _generate(app, root)
    except Refused as refused:
        # a file the generator did not write (one force-added under docs/corpus/ by a pull
        # request, say) is contributor data, not a crash: `path:1:1: CODE`, exit 1, no traceback
        logger.error(
            refused.diagnostic.format(), type=WARNING_TYPE, subtype=refused.diagnostic.code.id
        )
        raise SystemExit(1) from None
    for diag in errors:
        logger.warning(diag.format(), type=WARNING_TYPE, subtype=diag.code.id)
    if errors and not reg.entries:
        raise ExtensionError("sourcebook: no document could be read; run `nox -s checkcitations`")
    logger.info(
        "sourcebook: %d documents parsed, %d pages rendered, %d files written, %d deleted",
        len(work.parsed),
        len(work.rendered),
        len(work.written),
        len(work.deleted),
    )
    install(app, reg)


def register(app: Sphinx) -> None:
    app.connect("builder-inited", on_builder_inited, priority=90)
    app.connect("builder-inited", on_generate)
