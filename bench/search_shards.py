"""Index a built site with the ``shards`` engine: full, one page changed, no change; and what
a first search downloads.

The site is read, never written: the pages are linked (symlinks) into a
mirror under ``--work``, the index goes to ``--work/out``; for the second
step one page of the mirror is replaced by a copy with one more sentence.
Each step runs in its own process (CPU seconds user + system and the peak RSS
of that process, as ``bench/run.py`` measures a build).  The first-search
figures follow the contract (the manual's ``search.md``): ``meta.js``, the
shard of each query word and, for a word of 3 characters or more, the next
shard too (longer words it starts), then the fragments of the 10 best results
ranked as the search page ranks them.

    nice -n 19 python bench/search_shards.py --site /tmp/b5/n1000/docs/_build/html \\
        --work /tmp/s22r-b1000 --out bench/results-s22r-1000.json
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
import os
import platform
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SKIP = frozenset({"glossary.html", "claims.html"})  # the listing pages the build leaves out
STEP = """
import json, sys
from pathlib import Path
sys.path.insert(0, sys.argv[3])
from sourcebook.sphinxext.search import build
site, work = Path(sys.argv[1]), Path(sys.argv[2])
urls = json.loads((work / "urls.json").read_text())
import time
start = time.process_time()
done = build.index(site, work / "out", work / "store.sqlite", urls)
print(json.dumps({"index_cpu_s": round(time.process_time() - start, 3),
                  "parsed": len(done.parsed), "written": done.shards_written,
                  "everything": done.everything}))
"""


def step(mirror: Path, work: Path, src: Path) -> dict[str, Any]:
    start = time.perf_counter()
    env = {**os.environ, "PYTHONPATH": str(src)}
    cmd = [sys.executable, "-c", STEP, str(mirror), str(work), str(src)]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, env=env)
    assert proc.stdout is not None
    said = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    return {
        "cpu_s": round(usage.ru_utime + usage.ru_stime, 3),
        "wall_s": round(time.perf_counter() - start, 3),
        "peak_mib": round(usage.ru_maxrss / 1024, 1),
        **json.loads(said),
    }


def mirror_site(site: Path, mirror: Path, limit: int | None = None) -> list[str]:
    """Link every page Pagefind would index (the first *limit*) into *mirror*; their paths."""
    sys.path.insert(0, str(ROOT / "src"))
    from sourcebook.sphinxext.pagefind import pages

    urls = pages(site, SKIP)[:limit]
    for url in urls:
        (mirror / url).parent.mkdir(parents=True, exist_ok=True)
        (mirror / url).symlink_to(site / url)
    return urls


def change_one(mirror: Path, url: str) -> None:
    """Replace the link of *url* by a copy with one sentence more in its article."""
    text = (mirror / url).read_text(encoding="utf-8")
    (mirror / url).unlink()
    at = text.index("</p>", text.index('role="main"'))
    (mirror / url).write_text(text[:at] + " Brandnewword in the edit." + text[at:], "utf-8")


def load(path: Path, name: str) -> Any:
    text = path.read_text(encoding="ascii")
    return json.loads("[" + text[len(f"window.sourcebookSearch.{name}(") : -1] + "]")


def key(term: str) -> bytes:
    return term.encode("utf-16-be")


def item_at(listed: list[list[str]], word: str) -> int:
    """The last item of *listed* whose START is at or before *word* (UTF-16 order)."""
    return max(i for i, (first, _) in enumerate(listed) if key(first) <= key(word))


def shard_list(out: Path, meta: dict[str, Any], word: str) -> tuple[list[str], list[list[str]]]:
    """The directory files the search page loads for *word*, and the list of shards it reaches
    (version 1: ``meta.js`` lists every shard; version 2: a directory a level)."""
    if meta["version"] == 1:
        return [], meta["shards"]
    listed, files = meta["list"], []
    for _ in range(meta["depth"]):
        ident = listed[item_at(listed, word)][1]
        files.append(f"d/{ident}.js")
        listed = load(out / "d" / f"{ident}.js", "dir")[1]
    return files, listed


def first_search(out: Path, words: list[str]) -> dict[str, Any]:
    """The files and bytes a first search for *words* loads, as the search page loads them."""
    (meta,) = load(out / "meta.js", "meta")
    files = ["meta.js"]
    scores: dict[int, list[float]] = {}
    for number, word in enumerate(words):
        directories, listed = shard_list(out, meta, word)
        files += directories
        at = item_at(listed, word)
        runs_on = at + 1 < len(listed) and listed[at + 1][0].startswith(word)
        chosen = [at, at + 1] if len(word) >= 3 and runs_on else [at]
        for index in chosen:
            ident = listed[index][1]
            files.append(f"s/{ident}.js")
            for term, (df, postings) in load(out / "s" / f"{ident}.js", "shard")[1].items():
                factor = 1.0 if term == word else 0.5 if term.startswith(word) else 0.0
                if (factor and len(word) >= 3) or term == word:
                    idf = math.log(1 + (meta["docs"] - df + 0.5) / (df + 0.5))
                    for doc, w in postings:
                        row = scores.setdefault(doc, [0.0] * len(words))
                        row[number] = max(row[number], factor * idf * w)
    ranked = sorted(scores, key=lambda d: (-sum(x > 0 for x in scores[d]), -sum(scores[d]), d))
    files += [f"f/{doc}.js" for doc in ranked[:10]]
    files = list(dict.fromkeys(files))
    raw = [(out / name).read_bytes() for name in files]
    return {
        "words": words,
        "files": len(files),
        "bytes": sum(map(len, raw)),
        "gzip_bytes": sum(len(gzip.compress(data)) for data in raw),
        "shard_bytes": sum(len(d) for n, d in zip(files, raw, strict=True) if n.startswith("s/")),
        "directory_bytes": sum(
            len(d) for n, d in zip(files, raw, strict=True) if n.startswith(("d/", "meta"))
        ),
        "results": len(ranked),
    }


def rare_word(out: Path) -> str:
    """A word of letters found in the fewest pages (one if any), from the middle shard on."""
    listed = sorted(p.stem for p in (out / "s").iterdir())
    best: tuple[int, str] | None = None
    for ident in listed[len(listed) // 2 :] + listed[: len(listed) // 2]:
        for term, (df, _) in load(out / "s" / f"{ident}.js", "shard")[1].items():
            if term.isalpha() and (best is None or df < best[0]):
                best = (df, term)
        if best is not None and best[0] == 1:
            break
    assert best is not None
    return best[1]


def sizes(out: Path, work: Path) -> dict[str, Any]:
    shard_sizes = [p.stat().st_size for p in (out / "s").iterdir()]
    directories = [p.stat().st_size for p in (out / "d").glob("*.js")]
    fragments = [p.stat().st_size for p in (out / "f").iterdir()]
    return {
        "shards": len(shard_sizes),
        "shard_bytes_max": max(shard_sizes),
        "shard_bytes_total": sum(shard_sizes),
        "meta_bytes": (out / "meta.js").stat().st_size,
        "directories": len(directories),
        "directory_bytes_max": max(directories, default=0),
        "fragments": len(fragments),
        "fragment_bytes_max": max(fragments),
        "fragment_bytes_total": sum(fragments),
        "store_bytes": (work / "store.sqlite").stat().st_size,
    }


#: the first searches measured: common words, a topic, a rare word (added), prefixes
QUERIES = [
    ["the"],
    ["and"],
    ["socialist"],
    ["workers"],
    ["socialist", "workers", "party"],
    ["soc"],
    ["lab", "par", "str"],
]


def run(site: Path, work: Path, src: Path, limit: int | None = None) -> dict[str, Any]:
    """Index *site* (its first *limit* pages) with the code in *src*: the steps, the output's
    sizes, the first searches."""
    shutil.rmtree(work, ignore_errors=True)
    mirror = work / "site"
    urls = mirror_site(site, mirror, limit)
    (work / "urls.json").write_text(json.dumps(urls))
    steps = {"full": step(mirror, work, src)}
    change_one(mirror, urls[len(urls) // 2])
    steps["one_page"] = step(mirror, work, src)
    steps["no_change"] = step(mirror, work, src)
    out = work / "out"
    queries = [*QUERIES, [rare_word(out)]]
    return {
        "pages": len(urls),
        "steps": steps,
        "output": sizes(out, work),
        "first_search": [first_search(out, words) for words in queries],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, required=True)
    parser.add_argument("--work", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--src", type=Path, default=ROOT / "src", help="the code indexed with")
    args = parser.parse_args()
    load_start = [round(x, 2) for x in os.getloadavg()]
    done = run(args.site, args.work, args.src)
    result = {
        "meta": "CPU seconds (user + system) and peak RSS of each step's own process; "
        "index-only (the site's HTML as built), bench/search_shards.py",
        **machine(),
        "load_average_start": load_start,
        "load_average_end": [round(x, 2) for x in os.getloadavg()],
        "site": str(args.site),
        **done,
    }
    args.out.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=1))
    return 0


def machine() -> dict[str, Any]:
    """The machine, the Python and the commit measured."""
    # a copy of the tree (git archive) is measured so that work on it cannot change a run
    commit = (
        os.environ.get("SOURCEBOOK_COMMIT")
        or subprocess.run(
            ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True
        ).stdout.strip()
    )
    return {
        "machine": platform.machine(),
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "commit": commit,
        "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }


if __name__ == "__main__":
    raise SystemExit(main())
