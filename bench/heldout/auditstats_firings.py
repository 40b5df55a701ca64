"""Firings of the parse/auditstats.py checks (the page against its text's own line
statistics), and what they would report that nothing reported.

Each firing on a development set is labelled by its text's facts, scored in this
process with score.py's own ``check`` and ``failure`` (the diagnostics those
``parse`` returns, as the CLI prints them): FAILED when the lines it names
(its own and any range its message names, as score.py reads them) meet a failed
fact's lines, RIGHT when they meet only right facts' lines, other when no fact's
line. ``turned`` counts the silent failures of the run it would have reported (by
score.py's rule: its lines meet the fact's, or it names the title for a title
fact). The fixtures and the four seeds are counted too.

With ``--at SET@COMMIT`` (repeatable) the model comes from an older checkout's parse
(``git archive COMMIT src``, its ``parse`` run in a child process, the model passed as
JSON) and scored the same way: a set scored on the code of the day it
was still held out, so the failures are those of layouts the rules had not seen.
Its failures count as reported when today's other audits (run on that model) report
them too: what is left silent is what the older rules and every audit built since
would still miss, the measure of what these checks add.

Usage: python auditstats_firings.py REPO [--at SET@COMMIT ...] [--sets A,B] [--quiet]
"""

from __future__ import annotations

import argparse
import collections
import glob
import json
import re
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

ap = argparse.ArgumentParser()
ap.add_argument("repo")
ap.add_argument("--at", action="append", default=[])
ap.add_argument(
    "--sets", default="dev,heldout,dev2,held3,held4,held5,held6,held7,held8,held9,held10"
)
ap.add_argument("--quiet", action="store_true")
ap.add_argument("--list-silent", action="store_true")
ap.add_argument("--no-fixtures", action="store_true")
args = ap.parse_args()
sys.path.insert(0, args.repo + "/src")

from sourcebook.model.jsondata import from_data  # noqa: E402
from sourcebook.parse import auditstats as st  # noqa: E402
from sourcebook.parse import parse  # noqa: E402
from sourcebook.parse.audit import audit  # noqa: E402
from sourcebook.parse.auditpage import Page  # noqa: E402
from sourcebook.render.serialise import document_to_json  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from score import check, failure  # noqa: E402

ROOT = Path(args.repo)
CHECKS = (st.body_edges, st.heading_heavy)
SPAN = re.compile(r"\b(?:list|lines?) (\d+)(?:-(\d+))?")
count: collections.Counter[tuple[str, str]] = collections.Counter()
DUMP = """
import json, sys, tomllib
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from sourcebook.parse import parse
from sourcebook.model.jsondata import to_data
from sourcebook.render.serialise import document_to_json
fp = Path(sys.argv[2])
out = {}
for t in tomllib.loads(fp.read_text())["text"]:
    doc, diags = parse((fp.parent / t["file"]).read_text(), t["kind"], t["file"])
    sb6 = [{"line": d.line, "code": d.code.value[0], "msg": d.message} for d in diags]
    out[t["file"]] = [to_data(doc), document_to_json(doc, t["file"], ""), sb6]
print(json.dumps(out))
"""


def lines_of(finding) -> set[int]:
    lines = {finding.line}
    for m in SPAN.finditer(finding.message):
        a, b = int(m.group(1)), int(m.group(2) or m.group(1))
        if 0 <= b - a < 500:
            lines.update(range(a, b + 1))
    return lines


def run(doc, text, name, facts=(), failed=frozenset(), silent=frozenset()):
    page = Page.of(doc, text, set())
    bad = {n for f in facts if f["id"] in failed for n in f.get("lines", [])}
    good = {n for f in facts if f["id"] not in failed for n in f.get("lines", [])}
    for fn in CHECKS:
        for f in fn(page):
            lines = lines_of(f)
            label = "FAILED" if lines & bad else "RIGHT" if lines & good else "other"
            if name.startswith(("fixture/", "seed/")):
                label = name.split("/")[0]
            count[(fn.__name__, label)] += 1
            for fact in facts:
                if fact["id"] in silent and (
                    lines & set(fact.get("lines", []))
                    or (fact["type"] == "title" and "title" in f.message)
                ):
                    count[(fn.__name__, "turned")] += 1
                    if not args.quiet:
                        print(f"  turns {fact['id']} reported")
            if not args.quiet:
                print(f"{name}:{f.line}: {fn.__name__} {label}: {f.message[:120]}")


def models_at(commit: str, facts: Path) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        archive = subprocess.run(
            ["git", "-C", str(ROOT), "archive", commit, "src"], capture_output=True, check=True
        )
        subprocess.run(["tar", "-x", "-C", tmp], input=archive.stdout, check=True)
        done = subprocess.run(
            [sys.executable, "-c", DUMP, tmp + "/src", str(facts)],
            capture_output=True,
            text=True,
            check=True,
        )
    return json.loads(done.stdout)


def run_set(label: str, commit: str | None) -> None:
    """Score each text's facts in this process with score.py's own check and failure
    (the diagnostics those of ``parse``), then label the checks' firings."""
    s = label.split("@")[0]
    fp = ROOT / "bench/heldout" / s / "facts.toml"
    models = models_at(commit, fp) if commit else {}
    for t in tomllib.loads(fp.read_text())["text"]:
        text = (fp.parent / t["file"]).read_text()
        if commit:
            data, model, sb6 = models[t["file"]]
            doc = from_data(data)
        else:
            doc, diags = parse(text, t["kind"], t["file"])
            model = document_to_json(doc, t["file"], "")
            sb6 = [{"line": d.line, "code": d.code.value[0], "msg": d.message} for d in diags]
        sb6 = [d for d in sb6 if d["code"].startswith("SB6")]
        if commit:
            # today's other audits on the old model: what they would report anyway
            mine = {(f.line, f.message) for fn in CHECKS for f in fn(Page.of(doc, text, set()))}
            sb6 += [
                {"line": d.line, "code": "SB608", "msg": d.message}
                for d in audit(doc, text, t["file"], set())
                if (d.line, d.message) not in mine
            ]
        failed, silent = set(), set()
        for fact in t["facts"]:
            ok, why = check(fact, model, text.split("\n"))
            if not ok:
                failed.add(fact["id"])
                if failure(fact, sb6, 0)[0] == "silent":
                    silent.add(fact["id"])
                    count[("silent-type", fact["type"])] += 1
                    if args.list_silent:
                        print(f"SILENT {label} {fact['id']} {fact['type']}: {why[:100]}")
        count[("facts", label)] += len(t["facts"])
        count[("failed", label)] += len(failed)
        count[("silent", label)] += len(silent)
        run(doc, text, f"{label}/{t['file']}", t["facts"], failed, silent)


if not args.no_fixtures:
    for p in sorted(glob.glob(str(ROOT / "tests/fixtures/normalise/*/*.txt"))):
        if Path(p[:-4] + ".hints.toml").exists():
            continue
        doc, _ = parse(Path(p).read_text(), Path(p).parent.name, p)
        run(doc, Path(p).read_text(), "fixture/" + p.split("normalise/")[1])
    for d in sorted(glob.glob(str(ROOT / "seeds/*/document.toml"))):
        k = tomllib.loads(Path(d).read_text())["kind"]
        text = (Path(d).parent / "extract.txt").read_text()
        doc, _ = parse(text, k, d)
        run(doc, text, "seed/" + Path(d).parent.name)
for s in [s for s in args.sets.split(",") if s]:
    run_set(s, None)
for pair in args.at:
    run_set(pair, pair.split("@")[1])
for key, n in sorted(count.items()):
    print("COUNT", *key, n)
