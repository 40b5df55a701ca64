"""Firings of the parse/auditdoubt.py checks: on the normalise fixtures, the four seeds
and every development set (dev, heldout, dev2, held3-held10), each bench firing
labelled by the facts of a score run saved as OUT/SET.out (scoreall.sh's output):
FAILED when it stands on a line of a failed fact, RIGHT when only on lines of right
facts, other when on no fact's line.

Usage: python auditdoubt_firings.py REPO OUT   (REPO: a checkout whose src/ is imported)
"""

import collections
import glob
import re
import sys
import tomllib
from pathlib import Path

sys.path.insert(0, sys.argv[1] + "/src")
from sourcebook.parse import auditdoubt as ad
from sourcebook.parse import parse
from sourcebook.parse.auditpage import Page

ROOT = Path(sys.argv[1])
OUT = Path(sys.argv[2])
CHECKS = (
    ad.date_title,
    ad.dated_masthead,
    ad.head_heading,
    ad.names_title,
    ad.quoted_post,
    ad.title_below,
    ad.glued_bio,
    ad.record_opening,
    ad.marks_left,
)
SPAN = re.compile(r"\b(?:list|lines?) (\d+)(?:-(\d+))?")
count: collections.Counter[tuple[str, str]] = collections.Counter()


def run(text, kind, name, bad=frozenset(), good=frozenset()):
    doc, _ = parse(text, kind, name)
    page = Page.of(doc, text, set())
    for fn in CHECKS:
        for f in fn(page):
            lines = {f.line}
            for m in SPAN.finditer(f.message):
                lines.update(range(int(m.group(1)), int(m.group(2) or m.group(1)) + 1))
            label = "FAILED" if lines & bad else "RIGHT" if lines & good else "other"
            if name.startswith(("fixture/", "seed/")):
                label = "fixture" if name.startswith("fixture/") else "seed"
            count[(fn.__name__, label)] += 1
            print(f"{name}:{f.line}: {fn.__name__} {label}: {f.message[:110]}")


for p in sorted(glob.glob(str(ROOT / "tests/fixtures/normalise/*/*.txt"))):
    if Path(p[:-4] + ".hints.toml").exists():
        continue
    run(Path(p).read_text(), Path(p).parent.name, "fixture/" + p.split("normalise/")[1])
for d in sorted(glob.glob(str(ROOT / "seeds/*/document.toml"))):
    k = tomllib.loads(Path(d).read_text())["kind"]
    run((Path(d).parent / "extract.txt").read_text(), k, "seed/" + Path(d).parent.name)
for s in ["dev", "heldout", "dev2", "held3", "held4", "held5", "held6", "held7", "held8"]:
    sets = [s, "held9", "held10"] if s == "held8" else [s]
    for s in sets:
        fp = ROOT / "bench/heldout" / s / "facts.toml"
        failed = set(re.findall(r"FAIL (\S+)", (OUT / f"{s}.out").read_text()))
        for t in tomllib.loads(fp.read_text())["text"]:
            bad = {n for f in t["facts"] if f["id"] in failed for n in f.get("lines", [])}
            good = {n for f in t["facts"] if f["id"] not in failed for n in f.get("lines", [])}
            run((fp.parent / t["file"]).read_text(), t["kind"], f"{s}/{t['file']}", bad, good)
for key, n in sorted(count.items()):
    print("COUNT", *key, n)
