"""Score the held-out texts in this directory against facts.toml.

Usage (from any directory; nice it on a shared machine):
    nice -n 19 python3 check.py [--python PY] [--src SRC] [--only gNN] [--verbose]

For each text it runs `PY -m sourcebook normalise FILE --kind KIND --format json`
with PYTHONPATH=SRC, then checks each fact against the model. A failed fact is
listed with the SB6xx diagnostics located on the lines it concerns ("reported")
or, when there are none and the exit status is 0, as "silent".

Fact types (facts.toml):
  title / site        the model's title / site equals value
  meta                a metadata field `name` (for author also the model's author)
                      contains value (equals it with exact = true)
  meta_count          number of metadata fields `name`
  not_body            each line is not part of any block (body or comment): removed,
                      metadata, header (site, tagline, title) or footnote definition;
                      matched by line (the block's text read off the seed's lines from
                      its first), not by words that also occur in the block
  first_body          the first top-level text block (not a heading, an epigraph or an
                      infobox) starts with
  last_body           the last top-level text block (not heading/comment/truncated,
                      epigraph, infobox) ends with
  headings            top-level heading texts, in order (ignore: texts to skip)
  comments            comment authors, flattened in order (replies after their parent)
  reply               comment `child` (1-based, flattened) is a reply of comment `parent`
  comment_text        flattened comment `index`: its paragraphs' text joined by spaces equals
  comment_date        its date_text contains
  comment_quote       it holds a quote block containing
  flags / markers     the set of flags / markers of all claims equals value
  flag_on / marker_on a claim whose text contains claim_contains carries the flag/marker
  footnotes           footnote labels, in order
  table / infobox     a table (role table or infobox) / an infobox with `rows` rows
  list                a list with `items` items
  truncated           a truncated block exists (before seed line before_line, if given)
  known               (any fact) a gap the project's manual already lists; shown on failure
  no_quote            no top-level quote block
  paragraphs          number of top-level paragraphs
  epigraph            an epigraph whose text is quote (outer quotation marks aside),
                      attributed to attribution
  lines               (any fact) seed lines it concerns: an SB6xx located there counts
                      as reporting it
  claim_text          a claim's text equals
  bio                 the model's bio contains
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

HERE = Path(__file__).resolve().parent
DIAG = re.compile(
    r"^(?P<path>[^:\n]+):(?P<line>\d+)(?::(?P<col>\d+))?: (?P<code>SB\d{3}) (?P<msg>.*)$"
)


def epigraph_summary(e: dict) -> tuple:
    """An epigraph's text and attribution, for a failed fact's message."""
    attribution = e["attribution"] and para_text(e["attribution"])
    return " | ".join(para_text(p) for p in e["paragraphs"]), attribution


def norm(s: str) -> str:
    return " ".join(s.split())


def para_text(p: dict) -> str:
    return norm(" ".join(i["text"] for i in p.get("inlines", []) if "text" in i))


def block_texts(b: dict) -> list[str]:
    t = b["type"]
    if t == "paragraph":
        return [para_text(b)]
    if t == "heading":
        return [norm(b["text"])]
    if t in ("quote", "epigraph"):
        out = [para_text(p) for p in b["paragraphs"]]
        if t == "epigraph" and b.get("attribution"):
            out.append(para_text(b["attribution"]))
        return out
    if t == "list":
        return [para_text(p) for p in b["items"]]
    if t == "table":
        return [" ".join(para_text(c) for c in r["cells"]) for r in b["rows"]]
    if t == "comment":
        out = []
        for x in b["blocks"]:
            out += block_texts(x)
        for r in b["replies"]:
            out += block_texts(r)
        return out
    return []


def all_blocks(blocks: list[dict]):
    for b in blocks:
        yield b
        if b["type"] == "comment":
            yield from all_blocks(b["blocks"])
            yield from all_blocks(b["replies"])
        for key in ("paragraphs", "items"):
            yield from b.get(key, []) or []
        if b["type"] == "table":
            for r in b["rows"]:
                for c in r["cells"]:
                    yield {**c, "line": r["line"]}


def flat_comments(blocks: list[dict]) -> list[dict]:
    out = []
    for b in blocks:
        if b["type"] == "comment":
            out.append(b)
            out += flat_comments(b["replies"])
    return out


def line_in_blocks(model: dict, lineno: int, text: str, lines: list[str]) -> bool:
    """Is seed line `lineno` (text `text`) part of some block's text?

    A block starting at seed line s can hold line L only if s <= L and no blank
    line stands between them (blocks never span a blank line of the seed).
    """
    t = norm(text)
    if not t:
        return False

    def strip(s):
        return norm(re.sub(r"\[[^\]]{1,40}\]", " ", s))

    for b in all_blocks(model["blocks"]):
        if b.get("type") in ("lost-heading", "truncated", "comment"):
            continue
        start = b.get("line")
        if start is None or start > lineno:
            continue
        if any(not lines[i - 1].strip() for i in range(start, lineno + 1)):
            continue
        texts = block_texts(b) if "type" in b else [para_text(b)]
        joined = " ".join(texts)
        # a line that is all brackets ("[edit]") strips to nothing, which is in every block
        if not (t in joined or (strip(t) and strip(t) in strip(joined))):
            continue
        if holds_line(strip(joined), start, lineno, lines, strip):
            return True
    return False


def holds_line(rest: str, start: int, lineno: int, lines: list[str], strip) -> bool:
    """Does a block of text `rest` starting at seed line `start` hold line `lineno` as a
    line of its own, not as words that also occur in it?  The block's text is read off
    the seed's lines in order (a line it does not start with was removed from inside
    it); line `lineno` must be one of the lines read.  A block whose text the walk
    cannot follow (the model rewrote it) counts as holding the line, as before.

    >>> seed = ["Tom Reed said the pier was shut.", "Tom Reed", "Then it rained."]
    >>> holds_line("Tom Reed said the pier was shut.", 1, 2, seed, str.strip)
    False
    >>> holds_line("Tom Reed said the pier was shut. Tom Reed", 1, 2, seed, str.strip)
    True
    >>> holds_line("Tom Reed said the pier was shut. Then it rained.", 1, 2, seed, str.strip)
    False
    >>> holds_line("Rewritten text, Tom Reed", 1, 2, seed, str.strip)
    True
    """
    for number in range(start, len(lines) + 1):
        piece = strip(lines[number - 1])
        if not piece:
            break
        if rest.startswith(piece):
            rest = rest[len(piece) :].lstrip()
            if number == lineno:
                return True
        elif number == start:
            return True  # the block does not open with its first line: not followed
        elif number == lineno:
            return False  # the block's text skips this line: removed from inside it
        if not rest:
            return False
    return True


def top_text_blocks(model: dict) -> list[tuple[dict, str]]:
    """The body's text blocks: not headings, comments or marks, and not an epigraph or
    an infobox, which stand beside the text (first_body facts name the text's first
    paragraph below them, and an epigraph or infobox fact checks them)."""
    out = []
    for b in model["blocks"]:
        if b["type"] in ("heading", "comment", "truncated", "lost-heading", "epigraph"):
            continue
        if b["type"] == "table" and b.get("role") == "infobox":
            continue
        out.append((b, " ".join(block_texts(b))))
    return out


def check(fact: dict, model: dict, lines: list[str]) -> tuple[bool, str]:
    t = fact["type"]
    meta = model.get("metadata", [])
    claims = model.get("claims", [])
    comments = flat_comments(model["blocks"])
    if t in ("title", "site"):
        got = model.get(t)
        return got == fact["value"], f"got {got!r}"
    if t == "meta":
        vals = [m["value"] for m in meta if m["name"] == fact["name"]]
        if fact["name"] == "author" and model.get("author"):
            vals.append(model["author"])
        if fact["name"] == "journal" and model.get("site"):
            vals.append(model["site"])
        ok = any((v == fact["value"]) if fact.get("exact") else (fact["value"] in v) for v in vals)
        return ok, f"{fact['name']} values {vals!r}"
    if t == "meta_count":
        n = sum(1 for m in meta if m["name"] == fact["name"])
        return n == fact["count"], f"got {n}"
    if t == "not_body":
        bad = [n for n in fact["lines"] if line_in_blocks(model, n, lines[n - 1], lines)]
        return not bad, (
            "in blocks: " + ", ".join(f"{n} {lines[n - 1].strip()[:40]!r}" for n in bad)
        ) if bad else "ok"
    if t == "first_body":
        tb = top_text_blocks(model)
        got = tb[0][1] if tb else None
        return bool(got and got.startswith(fact["startswith"])), f"got {(got or '')[:70]!r}"
    if t == "last_body":
        tb = top_text_blocks(model)
        got = tb[-1][1] if tb else None
        return bool(got and got.endswith(fact["endswith"])), f"got ...{(got or '')[-70:]!r}"
    if t == "headings":
        got = [
            b["text"]
            for b in model["blocks"]
            if b["type"] == "heading" and b["text"] not in fact.get("ignore", [])
        ]
        return got == fact["value"], f"got {got!r}"
    if t == "comments":
        got = [c["author"] for c in comments]
        return got == fact["authors"], f"got {got!r} (declared {model.get('declared_comments')})"
    if t == "reply":
        if len(comments) < max(fact["child"], fact["parent"]):
            return False, f"only {len(comments)} comments"
        child, parent = comments[fact["child"] - 1], comments[fact["parent"] - 1]
        ok = any(r is child for r in parent["replies"])
        return ok, f"child depth {child['depth']}, parent has {len(parent['replies'])} replies"
    if t in ("comment_text", "comment_date", "comment_quote"):
        i = fact["index"]
        if len(comments) < i:
            return False, f"only {len(comments)} comments"
        c = comments[i - 1]
        if t == "comment_text":
            got = " ".join(" ".join(block_texts(b)) for b in c["blocks"])
            return norm(got) == norm(fact["equals"]), f"got {got[:160]!r}"
        if t == "comment_date":
            got = c.get("date_text") or ""
            return fact["contains"] in got, f"got {got!r}"
        qs = [" ".join(block_texts(b)) for b in c["blocks"] if b["type"] == "quote"]
        return any(fact["contains"] in q for q in qs), f"quotes {qs!r}"
    if t == "flags":
        got = sorted({f for c in claims for f in c["flags"]})
        return got == sorted(fact["value"]), f"got {got!r}"
    if t == "markers":
        got = sorted({m for c in claims for m in c["markers"]}, key=lambda s: (len(s), s))
        return sorted(got) == sorted(fact["value"]), f"got {got!r}"
    if t in ("flag_on", "marker_on"):
        key, want = ("flags", fact["flag"]) if t == "flag_on" else ("markers", fact["marker"])
        hits = [c for c in claims if fact["claim_contains"] in c["text"]]
        ok = any(want in c[key] for c in hits)
        return ok, f"claims containing it: {[(c['text'][:60], c[key]) for c in hits]!r}"
    if t == "footnotes":
        got = [f["label"] for f in model.get("footnotes", [])]
        return got == fact["value"], f"got {got!r}"
    if t in ("table", "infobox"):
        tabs = [
            b
            for b in model["blocks"]
            if b["type"] == "table" and (t == "table" or b["role"] == "infobox")
        ]
        got = [len(b["rows"]) for b in tabs]
        return fact["rows"] in got, f"tables with rows {got!r}"
    if t == "list":
        got = [len(b["items"]) for b in model["blocks"] if b["type"] == "list"]
        return fact["items"] in got, f"lists with items {got!r}"
    if t == "truncated":
        got = [b["line"] for b in model["blocks"] if b["type"] == "truncated"]
        limit = fact.get("before_line", 10**9)
        return any(n < limit for n in got), f"truncated blocks at lines {got!r}"
    if t == "paragraphs":
        n = sum(1 for b in model["blocks"] if b["type"] == "paragraph")
        return n == fact["count"], f"got {n} top-level paragraphs"
    if t == "epigraph":
        eps = [b for b in model["blocks"] if b["type"] == "epigraph"]
        ok = any(
            norm(fact["quote"])
            == norm(" ".join(para_text(p) for p in e["paragraphs"]).strip('“”"'))
            and e["attribution"]
            and fact["attribution"] in para_text(e["attribution"])
            for e in eps
        )
        return (
            ok,
            f"epigraphs {[epigraph_summary(e) for e in eps]!r}",
        )
    if t == "claim_text":
        got = [c["text"] for c in claims]
        return fact["equals"] in got, f"claims {got!r}"
    if t == "bio":
        got = model.get("bio") or ""
        return fact["contains"] in got, f"bio {got!r}"
    if t == "no_quote":
        n = sum(1 for b in model["blocks"] if b["type"] == "quote")
        return n == 0, f"{n} quote blocks"
    raise SystemExit(f"unknown fact type {t}")


SPAN = re.compile(r"\b(?:list|lines?) (\d+)(?:-(\d+))?")


def diag_lines(d: dict) -> set[int]:
    """The diagnostic's own line, and the lines a message names as a range to list in a
    hint ("list 10-16 in the structure hint"): a run reported once at its first line."""
    out = {int(d["line"])}
    for m in SPAN.finditer(d["msg"]):
        a = int(m.group(1))
        b = int(m.group(2) or a)
        if 0 < b - a < 500:
            out.update(range(a, b + 1))
    return out


def fact_lines(fact: dict) -> set[int]:
    return set(fact.get("lines", []))


def failure(fact: dict, sb6: list[dict], returncode: int) -> tuple[str, str]:
    """A failed fact's kind ("reported", "indirect" or "silent") and its tag, from the
    SB6xx diagnostics of its text (perturb.py reuses it)."""
    near = [
        d
        for d in sb6
        if (diag_lines(d) & fact_lines(fact))
        or (fact["type"] == "title" and d["code"] == "SB608" and "title" in d["msg"])
    ]
    layout = [d for d in sb6 if d["code"] == "SB602"]
    if near:
        return "reported", "reported " + ",".join(f"{d['code']}@{d['line']}" for d in near)
    if layout:
        return "indirect", "indirect: layout guess reported " + ",".join(
            f"{d['code']}@{d['line']}" for d in layout
        )
    return "silent", "SILENT" + (" (exit 0)" if returncode == 0 else f" (exit {returncode})")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--python", default="/tmp/sbv/bin/python")
    ap.add_argument(
        "--src",
        default=str(HERE.parent.parent / "src"),
        help="the sourcebook source tree to measure (default: this checkout's src/)",
    )
    ap.add_argument("--only")
    ap.add_argument(
        "--facts",
        default=str(HERE / "facts.toml"),
        help="facts file; its text paths are relative to its directory",
    )
    ap.add_argument("--verbose", action="store_true")
    a = ap.parse_args()
    facts_path = Path(a.facts).resolve()
    spec = tomllib.loads(facts_path.read_text(encoding="utf-8"))
    # resolved against the caller's directory: the runs below start in HERE, where a
    # relative path would name nothing and an installed sourcebook would be measured
    src = Path(a.src).resolve()
    if not (src / "sourcebook" / "__init__.py").is_file():
        ap.error(f"--src {a.src}: no sourcebook package there")
    env = {**os.environ, "PYTHONPATH": str(src)}
    total = right = silent = known = 0
    for text in spec["text"]:
        if a.only and not text["file"].startswith(a.only):
            continue
        path = facts_path.parent / text["file"]
        lines = path.read_text(encoding="utf-8").split("\n")
        p = subprocess.run(
            [
                a.python,
                "-m",
                "sourcebook",
                "normalise",
                str(path),
                "--kind",
                text["kind"],
                "--format",
                "json",
            ],
            capture_output=True,
            text=True,
            env=env,
            cwd=HERE,
        )
        diags = [m.groupdict() for m in map(DIAG.match, p.stderr.splitlines()) if m]
        sb6 = [d for d in diags if d["code"].startswith("SB6")]
        print(
            f"== {text['file']} ({text['kind']}) exit {p.returncode}; diagnostics: "
            + (", ".join(f"{d['code']}@{d['line']}" for d in diags) or "none")
        )
        if p.returncode not in (0, 1) or not p.stdout.strip():
            print("   no model:", p.stderr.strip()[:300])
            n = len(text["facts"])
            total += n
            continue
        model = json.loads(p.stdout)
        ok_n = 0
        for fact in text["facts"]:
            ok, why = check(fact, model, lines)
            total += 1
            if ok:
                ok_n += 1
                right += 1
                if a.verbose:
                    print(f"   ok   {fact['id']}")
                continue
            kind, tag = failure(fact, sb6, p.returncode)
            silent += kind == "silent"
            if fact.get("known"):
                tag += "; known gap: " + fact["known"]
                known += 1
            print(f"   FAIL {fact['id']} [{tag}]: {why}")
        print(f"   {ok_n}/{len(text['facts'])}")
        if a.verbose:
            for d in diags:
                print(f"   diag {d['code']}@{d['line']}: {d['msg'][:200]}")
    print(
        f"TOTAL {right}/{total} facts right; {known} of the failures are gaps the manual"
        f" already lists; {silent} failures silent (no SB6xx on the fact's lines or about"
        " it, and no SB602 layout guess in the text)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
