"""Firings of the parse/auditnode.py checks on the normalise fixtures, the four seeds and
the bench sets (dev, heldout, dev2, held3-6): one line per finding.

Usage: python auditnode_firings.py REPO   (REPO: a checkout whose src/ is imported)
"""

import sys, glob, tomllib
from pathlib import Path

sys.path.insert(0, sys.argv[1] + "/src")
from sourcebook.parse import parse
from sourcebook.parse.auditpage import Page
from sourcebook.parse import auditnode as an

ROOT = Path(sys.argv[1])


def run(text, kind, name):
    doc, _ = parse(text, kind, name)
    page = Page.of(doc, text, set())
    for fn in (an.byline_title, an.menu_title, an.action_heading, an.unread_thread):
        for f in fn(page):
            print(f"{name}:{f.line}: {fn.__name__}: {f.message[:110]}")


for p in sorted(glob.glob(str(ROOT / "tests/fixtures/normalise/*/*.txt"))):
    kind = Path(p).parent.name
    run(Path(p).read_text(), kind, p.split("normalise/")[1])
for d in [
    "awl-wikipedia",
    "byrne-international-socialism",
    "coatesy-dispatches-blog",
    "englert-notes-organisation-revisited",
]:
    k = tomllib.loads((ROOT / "seeds" / d / "document.toml").read_text())["kind"]
    run((ROOT / "seeds" / d / "extract.txt").read_text(), k, "seed/" + d)
for s in ["dev", "heldout", "dev2", "held3", "held4", "held5", "held6"]:
    fp = ROOT / "bench/heldout" / s / "facts.toml"
    for t in tomllib.loads(fp.read_text())["text"]:
        run((fp.parent / t["file"]).read_text(), t["kind"], f"{s}/{t['file']}")
