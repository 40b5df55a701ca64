"""Per-check firings of parse/auditprose.py: on the bench sets (labelled by the facts
that failed in a score run saved as OUT/TAG-SET.txt) or on the normalise fixtures.

Usage: python audit_firings.py REPO TAG bench|fix   (OUT: env AUDIT_OUT, default /tmp/s19v)
"""

import os, re, sys, tomllib, glob, collections
from pathlib import Path

sys.path.insert(0, sys.argv[1] + "/src")
from sourcebook.parse import parse
from sourcebook.parse.auditpage import Page
from sourcebook.parse import auditprose as ap
from sourcebook.inputs.hints import StructureHints

ROOT = Path(sys.argv[1])
tag = sys.argv[2] if len(sys.argv) > 2 else "a1"
CHECKS = {
    "record": ap._record_box,
    "first": ap._first_block,
    "last": ap._last_blocks,
    "role": ap._role_lines,
    "thread": ap._threads,
}
SPAN = re.compile(r"\b(?:list|lines?) (\d+)(?:-(\d+))?")


def firings(text, kind, path):
    doc, _ = parse(text, kind, path)
    page = Page.of(doc, text, set())
    blocks = [b for b in doc.blocks if isinstance(b, ap.Paragraph | ap.ListBlock | ap.Heading)]
    for name, fn in CHECKS.items():
        for f in fn(page) if name == "record" else fn(page, blocks):
            ls = {f.line}
            for m in SPAN.finditer(f.message):
                a = int(m.group(1))
                b = int(m.group(2) or a)
                ls.update(range(a, b + 1))
            yield name, f, ls


count = collections.Counter()
HIT = {}
which = sys.argv[3] if len(sys.argv) > 3 else "bench"
if which == "bench":
    for s in ["dev", "heldout", "dev2", "held3", "held4", "held5"]:
        fp = ROOT / "bench/heldout" / s / "facts.toml"
        spec = tomllib.loads(fp.read_text())
        out = (Path(os.environ.get("AUDIT_OUT", "/tmp/s19v")) / f"{tag}-{s}.txt").read_text()
        failed = set(re.findall(r"FAIL (\S+)", out))
        for t in spec["text"]:
            text = (fp.parent / t["file"]).read_text()
            bad = set()
            good = set()
            badf = {}
            for fact in t["facts"]:
                (bad if fact["id"] in failed else good).update(fact.get("lines", []))
                if fact["id"] in failed:
                    badf[fact["id"]] = set(fact.get("lines", []))
            for name, f, ls in firings(text, t["kind"], t["file"]):
                lab = "FAILED" if ls & bad else ("RIGHT" if ls & good else "other")
                count[(s, name, lab)] += 1
                for fid, fl in badf.items():
                    if fl & ls:
                        HIT.setdefault(s, set()).add(t["file"][:3] + fid)
                print(f"{s} {t['file'][:22]:22} {name:6} {lab:6} {f.line:4} {f.message[:110]}")
else:
    for p in sorted(glob.glob(str(ROOT / "tests/fixtures/normalise/*/*.txt"))):
        kind = p.split("/")[-2]
        if Path(p[:-4] + ".hints.toml").exists():
            continue
        text = Path(p).read_text()
        for name, f, ls in firings(text, kind, p):
            count[("fixture", name)] += 1
            print(f"fix {kind}/{Path(p).name[:40]:40} {name:6} {f.line:4} {f.message[:100]}")
for k, v in sorted(count.items()):
    print("COUNT", k, v)
for k, v in HIT.items():
    print("HIT", k, len(v))
