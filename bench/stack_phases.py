"""A full build's py-spy profile (``--format raw``) by phase: the share of samples whose
stack holds each phase's frame (inclusive; a sub-phase is part of the line above it).

    python bench/stack_phases.py RAW
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

#: (label, a substring of the frame that marks the phase)
PHASES = (
    ("the gate and page generator (child process)", "prepare (sourcebook"),
    ("  of which the quote index update (analysis streamed into it)", "QuoteIndex.update"),
    ("  of which analysing documents", "analyse_all"),
    ("  of which rendering pages (MyST)", "render_page"),
    ("  of which the gate (the checker)", "gate_verdict (sourcebook"),
    ("  of which the kept analyses read (cache home)", "load_analysis (sourcebook"),
    ("  of which the quote index's shared pairs read", "QuoteIndex.shared (sourcebook"),
    ("  of which writing the pages", "_write (sourcebook/sphinxext/generate"),
    ("reading (Builder.read)", "Builder.read ("),
    ("  of which MyST parse", "MystParser.parse"),
    ("  of which doctree-read handlers", "DoctreeReadEvent"),
    ("writing (Builder.write)", "Builder.write ("),
    ("  of which post-transforms and doctree-resolved", "apply_post_transforms"),
    ("  of which ReferencesResolver", "ReferencesResolver.run"),
    ("  of which resolve.on_doctree_resolved", "on_doctree_resolved (sourcebook/sphinxext/resolve"),
    ("  of which notes' full references (add_sources)", "add_sources"),
    ("  of which the HTML translator and page", "write_doc (sphinx"),
    ("search index (shards, build-finished)", "on_build_finished (sourcebook/sphinxext/search"),
    ("Node.document (where node allocations start collections)", "Node.document (docutils"),
)


def main(path: Path) -> None:
    total = 0
    found: Counter[str] = Counter()
    for line in path.read_text(encoding="utf-8").splitlines():
        frames, _, count = line.rpartition(" ")
        if not count.isdigit():
            continue
        total += int(count)
        for label, frame in PHASES:
            if frame in frames:
                found[label] += int(count)
    print(f"by phase (inclusive share of {total} samples)")
    for label, _ in PHASES:
        print(f"{100 * found[label] / (total or 1):5.1f} %  {label}")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
