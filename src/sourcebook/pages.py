"""Generate the corpus pages: seeds + manifest + bibliography -> docs/corpus/.

Pages are build products.  Each is written only when its content changed
(so Sphinx re-reads only what changed) and atomically (temporary file, then
rename), so an interrupted run never leaves a half-written page.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from sourcebook.corpus import Corpus, CorpusDocument, load_corpus
from sourcebook.render.collections import Row, collection_pages
from sourcebook.render.myst import TextRenderer, render_page


@dataclass(frozen=True, slots=True)
class GenerateResult:
    written: tuple[str, ...]
    unchanged: tuple[str, ...]
    deleted: tuple[str, ...]


def write_if_changed(path: Path, content: str) -> bool:
    """Atomically write *content* unless the file already holds it."""
    data = content.encode("utf-8")
    try:
        if path.read_bytes() == data:
            return False
    except OSError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True


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


def index_pages(corpus: Corpus, out: Path) -> dict[Path, str]:
    """The corpus index and the collection pages (see :mod:`sourcebook.render.collections`)."""
    rows = [Row(doc.entry, len(doc.document.marker_labels)) for doc in corpus.documents]
    return {out / f"{name}.md": page for name, page in collection_pages(rows).items()}


def generate(
    root: Path, out: Path, corpus: Corpus | None = None, text: TextRenderer | None = None
) -> tuple[Corpus, GenerateResult]:
    """Write every page of the corpus under *out*; delete pages of removed documents."""
    corpus = corpus or load_corpus(root)
    keys = set(corpus.bibliography.sources)
    wanted = index_pages(corpus, out)
    for doc in corpus.documents:
        page = render_page(doc, keys, text) if text else render_page(doc, keys)
        wanted[out / f"{doc.entry.slug}.md"] = page
        wanted[out / f"{doc.entry.slug}.provenance.json"] = provenance_record(doc)
    written: list[str] = []
    unchanged: list[str] = []
    for path, content in sorted(wanted.items()):
        (written if write_if_changed(path, content) else unchanged).append(path.name)
    deleted = []
    if out.is_dir():
        for stale in sorted(out.iterdir()):
            if stale.is_file() and stale not in wanted and stale.suffix in (".md", ".json"):
                stale.unlink()
                deleted.append(stale.name)
    return corpus, GenerateResult(tuple(written), tuple(unchanged), tuple(deleted))
