"""Generate the corpus pages: seeds + manifest + bibliography -> docs/corpus/.

Pages are build products.  Each is written only when its content changed
(so Sphinx re-reads only what changed) and atomically (temporary file, then
rename), so an interrupted run never leaves a half-written page.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sourcebook.core.diagnostics import Diagnostic
from sourcebook.core.files import write_if_changed
from sourcebook.core.identifiers import is_slug
from sourcebook.corpus.cache import ParseCache
from sourcebook.corpus.load import Corpus, CorpusDocument, load_corpus
from sourcebook.render.collections import Row, collection_pages
from sourcebook.render.myst import TextRenderer, render_page
from sourcebook.render.outdir import claim, write_record


@dataclass(frozen=True, slots=True)
class GenerateResult:
    written: tuple[str, ...]
    unchanged: tuple[str, ...]
    deleted: tuple[str, ...]


def provenance_record(doc: CorpusDocument) -> str:
    """JSON record of what normalisation removed from the page, with seed lines."""
    record = {
        "version": 1,
        "document": doc.entry.slug,
        "seed": f"seeds/{doc.entry.file}",
        "sha256": doc.source.sha256,
        "removed": [
            {"line": r.line, "reason": r.reason, "text": r.text} for r in doc.document.removed
        ],
        "reference_list": [
            {"label": f.label, "line": f.line, "text": f"[{f.label.split('.')[-1]}] {f.text}"}
            for f in doc.document.footnotes
        ],
    }
    return json.dumps(record, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def index_pages(corpus: Corpus) -> dict[str, str]:
    """File name -> MyST of the corpus index and the collection pages."""
    rows = [Row(doc.entry, len(doc.document.marker_labels)) for doc in corpus.documents]
    return {f"{name}.md": page for name, page in collection_pages(rows).items()}


def generate(
    root: Path,
    out: Path,
    corpus: Corpus | None = None,
    text: TextRenderer | None = None,
    *,
    protected: Sequence[Path] = (),
    where: Diagnostic | None = None,
) -> tuple[Corpus, GenerateResult]:
    """Write every page of the corpus under *out*; delete pages of removed documents.

    Only files recorded as generated (see :mod:`sourcebook.render.outdir`) are ever
    deleted; :class:`sourcebook.render.outdir.Refused` is raised, before anything is
    written, for an output directory the generator does not own.
    """
    corpus = corpus or load_corpus(root, parser=ParseCache())
    keys = set(corpus.bibliography.sources)
    wanted = index_pages(corpus)
    for doc in corpus.documents:
        if not is_slug(doc.entry.slug):
            continue  # refused by the checker (SB701); never a file name or a label
        page = render_page(doc, keys, text) if text else render_page(doc, keys)
        wanted[f"{doc.entry.slug}.md"] = page
        wanted[f"{doc.entry.slug}.provenance.json"] = provenance_record(doc)
    encoded = {name: content.encode("utf-8") for name, content in wanted.items()}
    recorded = claim(out, encoded, root=root, protected=protected, where=where)
    # record first, so a run killed half-way leaves every file it wrote recorded
    write_record(out, recorded | wanted.keys())
    written: list[str] = []
    unchanged: list[str] = []
    for name, content in sorted(wanted.items()):
        (written if write_if_changed(out / name, content) else unchanged).append(name)
    deleted = []
    for name in sorted(recorded - wanted.keys()):
        stale = out / name
        if stale.is_file() and not stale.is_symlink():
            stale.unlink()
            deleted.append(name)
    write_record(out, wanted.keys())
    return corpus, GenerateResult(tuple(written), tuple(unchanged), tuple(deleted))
