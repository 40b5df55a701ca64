"""Benchmark: format every entry of a realistic bibliography, as each HTML build does.

sphinxcontrib-bibtex formats every entry of the bibliography with the
project's style when the environment is updated, on every build (a no-op
and a one-seed rebuild included).  This formats the bibliography of the
realistic corpus of N documents (``bench/realistic.py``) with
``SourcebookStyle`` in a child process, three ways: the TeX-decoding store
off, cold (first run) and warm (second run), and writes CPU seconds to
``bench/results-bibformat-N.json``.

    python bench/bibformat.py [N]
"""

from __future__ import annotations

import json
import platform
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from realistic import build
from run import COMMIT, PY, _commit, measure

FORMAT = """
import sys
from pybtex.database import parse_string
from sourcebook.render.bibstyle import SourcebookStyle
data = parse_string(open(sys.argv[1], encoding="utf-8").read(), "bibtex")
style = SourcebookStyle()
for entry in style.format_entries(data.entries.values()):
    entry.text.render_as("text")
"""


def main(argv: list[str]) -> int:
    n = int(argv[0]) if argv else 1000
    root = Path(__file__).resolve().parents[1]
    corpus = build(n)
    bib = (root / "docs" / "references.bib").read_text(encoding="utf-8")
    text = bib + "\n" + "\n".join(corpus.bib_entries)
    results: dict[str, object] = {}
    with tempfile.TemporaryDirectory(prefix="sourcebook-bibformat-") as tmp:
        path = Path(tmp) / "references.bib"
        path.write_text(text, encoding="utf-8")
        cache = {"SOURCEBOOK_CACHE_DIR": str(Path(tmp) / "cache")}
        runs = [("store off", {"SOURCEBOOK_CACHE_DIR": ""}), ("cold", cache), ("warm", cache)]
        for name, env in runs:
            sample = measure([PY, "-c", FORMAT, str(path)], env=env)
            results[name] = {"cpu_s": round(sample.cpu, 3), "peak_mib": round(sample.rss_mib, 1)}
            print(f"{name:<10} {sample.cpu:6.2f} s CPU", flush=True)
    record = {
        "meta": "bench/bibformat.py: every entry of the realistic corpus's bibliography "
        "formatted with SourcebookStyle, in a child process; CPU seconds (user + system)",
        "machine": platform.machine(),
        "python": platform.python_version(),
        "commit": COMMIT[0] if COMMIT[0] != "?" else _commit(),
        "generator": "realistic",
        "N": n,
        "entries": text.count("\n@"),
        "runs": results,
    }
    out = Path(__file__).resolve().parent / f"results-bibformat-{n}.json"
    out.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
