"""Perturb a development set the way extractors and sites vary, and score it again.

Each transform rewrites every text of a set (``bench/heldout/SET``) in one habit that
keeps every fact's meaning: no blank lines, doubled blank lines, a cookie banner or a
skip link and menu before the page, a footer after it, long lines wrapped at 72
columns, wrapped lines joined, trailing blanks, CRLF line ends. The facts' line numbers
are remapped to the perturbed text, and every fact is checked with ``score.py``'s own
code. A fact right on the unperturbed text and wrong *and silent* (no SB6xx on its
lines, no SB602 layout guess) on a perturbed one is a robustness bug: listed with
``--bugs``.

Usage (nice it on a shared machine):
    nice -n 19 python3 bench/heldout/perturb.py --src src --python /tmp/sbv/bin/python \\
        --set dev --set held3 [--transform wrap72] [--bugs] [--keep DIR]

``--keep DIR`` leaves the perturbed sets there (``DIR/SET-TRANSFORM/facts.toml`` with
the remapped facts, which ``score.py --facts`` reads).
"""

from __future__ import annotations

import argparse
import importlib.util
import itertools
import json
import os
import subprocess
import sys
import tempfile
import textwrap
import tomllib
import zlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

HERE = Path(__file__).resolve().parent
SETS = ("dev", "heldout", "dev2", "held3", "held4", "held5", "held6", "held7", "held8", "held9")

Fact = dict[str, Any]
#: a perturbed text's lines, and for each line of the original (1-based) the lines it became
Perturbed = tuple[list[str], dict[int, list[int]]]

# Invented chrome (no site's words): a few variants of each, one picked per text.
BANNERS = (
    (
        "We use cookies",
        "We and our partners store small files on your device to keep this site working"
        " and to count visits.",
        "Accept all",
        "Reject optional",
        "Manage choices",
    ),
    (
        "Your privacy settings",
        "This site remembers your preferences with cookies. You can change your mind at any"
        " time under Privacy.",
        "Agree and close",
        "Settings",
    ),
    (
        "By continuing to browse you agree to our use of cookies. Find out more",
        "OK",
    ),
)
MENUS = (
    ("Skip to main content", "Menu", "Home", "News", "Topics", "Events", "Contact", "Search"),
    ("Jump to content", "Toggle navigation", "Start", "Latest", "Sections", "Shop", "Sign in"),
    ("Skip to content", "Open menu", "Front page", "Features", "Archive", "About", "Donate"),
)
FOOTERS = (
    (
        "Back to top",
        "",
        "About us",
        "Contact",
        "Privacy policy",
        "Terms of use",
        "Cookie settings",
        "© 2026 Marrowby Media Ltd. All rights reserved.",
    ),
    (
        "Follow us",
        "Newsletter",
        "Careers",
        "Accessibility",
        "Site map",
        "Powered by Larchwood CMS",
    ),
    (
        "Privacy · Terms · Contact · Advertise",
        "Copyright 2026 The Quillon Press",
    ),
)


def identity_map(n: int) -> dict[int, list[int]]:
    return {i: [i] for i in range(1, n + 1)}


def pick(variants: Sequence[tuple[str, ...]], name: str) -> tuple[str, ...]:
    """A variant chosen by the text's name: stable from run to run, varied across texts."""
    return variants[zlib.crc32(name.encode()) % len(variants)]


def prepend(block: Sequence[str], lines: list[str]) -> Perturbed:
    head = [*block, ""]
    return head + lines, {i: [i + len(head)] for i in range(1, len(lines) + 1)}


#: a text with this many lines wrapped mid-sentence is hard-wrapped
WRAPPED_LINES = 3


def hard_wrapped(lines: list[str]) -> bool:
    """Lines of 60 columns or more that break mid-sentence, the next in lower case."""
    breaks = sum(
        len(a) >= 60 and a.rstrip()[-1:] not in '.!?:;"”)]' and b[:1].islower()
        for a, b in itertools.pairwise(lines)
    )
    return breaks >= WRAPPED_LINES


def t_noblank(lines: list[str], name: str, keep: set[int]) -> Perturbed:
    """No blank line at all (a copy of the page's text from a browser), in a text whose
    paragraphs are lines of their own: in a hard-wrapped text the blank lines are all
    that marks where a paragraph ends, so it is left as it is."""
    if hard_wrapped(lines):
        return list(lines), identity_map(len(lines))
    out: list[str] = []
    mapping: dict[int, list[int]] = {}
    for i, line in enumerate(lines, 1):
        if line.strip():
            out.append(line)
            mapping[i] = [len(out)]
    return out, mapping


def t_doubleblank(lines: list[str], name: str, keep: set[int]) -> Perturbed:
    out: list[str] = []
    mapping: dict[int, list[int]] = {}
    for i, line in enumerate(lines, 1):
        if not line.strip():
            out.append("")
        out.append(line)
        mapping[i] = [len(out)]
    return out, mapping


def t_banner(lines: list[str], name: str, keep: set[int]) -> Perturbed:
    return prepend(pick(BANNERS, name), lines)


def t_menu(lines: list[str], name: str, keep: set[int]) -> Perturbed:
    return prepend(pick(MENUS, name), lines)


def t_bannermenu(lines: list[str], name: str, keep: set[int]) -> Perturbed:
    return prepend([*pick(BANNERS, name), "", *pick(MENUS, name)], lines)


def t_footer(lines: list[str], name: str, keep: set[int]) -> Perturbed:
    tail = ["", *pick(FOOTERS, name)]
    return lines + tail, identity_map(len(lines))


def wrappable(line: str) -> bool:
    """A line of running prose (sentences), not a title, list item or table row."""
    return len(line) > 72 and "\t" not in line and ". " in line and line[:1].isalpha()


def t_wrap72(lines: list[str], name: str, keep: set[int]) -> Perturbed:
    """Wrap prose lines longer than 72 columns that stand between blank lines, as a
    text-mode extractor or a mail does."""
    out: list[str] = []
    mapping: dict[int, list[int]] = {}
    for i, line in enumerate(lines, 1):
        pieces = [line]
        # only a paragraph between blank lines: in a text without them the wrap would
        # hide where a paragraph ends (a meaning the facts rely on)
        alone = (
            not (lines[i - 2] if i > 1 else "").strip()
            and not (lines[i] if i < len(lines) else "").strip()
        )
        if i not in keep and alone and wrappable(line):
            pieces = textwrap.wrap(line, 72, break_long_words=False, break_on_hyphens=False)
        mapping[i] = list(range(len(out) + 1, len(out) + len(pieces) + 1))
        out.extend(pieces)
    return out, mapping


def t_join(lines: list[str], name: str, keep: set[int]) -> Perturbed:
    """Join a paragraph's wrapped lines: a prose line of 60 columns or more that does not
    end a sentence, followed by a line that starts in lower case."""
    out: list[str] = []
    mapping: dict[int, list[int]] = {}
    for i, line in enumerate(lines, 1):
        prev = lines[i - 2] if i > 1 else ""
        joins = (
            out
            and i not in keep
            and i - 1 not in keep
            and len(prev) >= 60
            and prev[-1:] not in '.!?:;"”)]'
            and line[:1].islower()
        )
        if joins:
            out[-1] = out[-1].rstrip() + " " + line.strip()
        else:
            out.append(line)
        mapping[i] = [len(out)]
    return out, mapping


def t_trailing(lines: list[str], name: str, keep: set[int]) -> Perturbed:
    """Trailing blanks on every line, blank lines of spaces (a copy from a browser)."""
    pads = ("  ", " ", "\t", "   ")
    out = [line + pads[i % len(pads)] for i, line in enumerate(lines)]
    return out, identity_map(len(lines))


def t_crlf(lines: list[str], name: str, keep: set[int]) -> Perturbed:
    return [line + "\r" for line in lines], identity_map(len(lines))


Transform = Callable[[list[str], str, set[int]], Perturbed]
TRANSFORMS: dict[str, Transform] = {
    "noblank": t_noblank,
    "doubleblank": t_doubleblank,
    "banner": t_banner,
    "menu": t_menu,
    "bannermenu": t_bannermenu,
    "footer": t_footer,
    "wrap72": t_wrap72,
    "join": t_join,
    "trailing": t_trailing,
    "crlf": t_crlf,
}
#: fact types whose lines a wrap or a join must leave alone (their values are whole lines)
LINE_VALUED = {"title", "site", "meta", "headings", "comments", "comment_date", "epigraph"}
LINE_VALUED |= {"table", "infobox", "list", "footnotes", "reply", "meta_count", "bio"}


def fixed_lines(facts: Iterable[Fact]) -> set[int]:
    """Lines whose extent a fact depends on: line-valued facts' lines, and each not_body
    fact's lines (a wrap would leave one half of a line it names)."""
    out: set[int] = set()
    for fact in facts:
        if fact["type"] in LINE_VALUED or fact["type"] == "not_body":
            out.update(fact.get("lines", []))
    return out


def remap_fact(fact: Fact, mapping: dict[int, list[int]], added: list[int]) -> Fact:
    new = dict(fact)
    if "lines" in fact:
        new["lines"] = sorted({m for n in fact["lines"] for m in mapping.get(n, [])})
    if "before_line" in fact:
        later = [mapping[n][0] for n in mapping if n >= fact["before_line"]]
        new["before_line"] = min(later) if later else max(added or [10**9])
    return new


@dataclass
class Text:
    file: str
    kind: str
    lines: list[str]
    facts: list[Fact]


def perturb(text: Text, name: str) -> Text:
    """The text under transform `name`, with its facts remapped; chrome a transform adds
    gets a not_body fact of its own (id ``perturb-added``)."""
    fixed = fixed_lines(text.facts)
    new_lines, mapping = TRANSFORMS[name](text.lines, text.file, fixed)
    kept = {m for ms in mapping.values() for m in ms}
    added = [i for i in range(1, len(new_lines) + 1) if i not in kept and new_lines[i - 1].strip()]
    facts = [remap_fact(f, mapping, added) for f in text.facts]
    if added and name not in ("noblank", "doubleblank", "trailing", "crlf"):
        facts.append({"id": "perturb-added", "type": "not_body", "lines": added})
    return Text(text.file, text.kind, new_lines, facts)


def read_set(name: str) -> list[Text]:
    root = HERE / name
    spec = tomllib.loads((root / "facts.toml").read_text(encoding="utf-8"))
    out = []
    for t in spec["text"]:
        body = (root / t["file"]).read_text(encoding="utf-8")
        lines = body.split("\n")
        if lines and lines[-1] == "":
            lines.pop()  # the final newline; written back by write_text
        out.append(Text(t["file"], t["kind"], lines, list(t["facts"])))
    return out


def toml_value(v: object) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, str):
        return json.dumps(v, ensure_ascii=False)
    if isinstance(v, list):
        return "[" + ", ".join(toml_value(x) for x in v) + "]"
    raise TypeError(f"no TOML for {v!r}")


def write_set(texts: Sequence[Text], root: Path) -> Path:
    """The texts and a facts.toml for them (score.py --facts reads it)."""
    root.mkdir(parents=True, exist_ok=True)
    out = ["# perturbed by bench/heldout/perturb.py; not for editing", ""]
    for t in texts:
        (root / t.file).write_bytes(("\n".join(t.lines) + "\n").encode("utf-8"))
        out += ["[[text]]", f"file = {toml_value(t.file)}", f"kind = {toml_value(t.kind)}"]
        out.append("facts = [")
        for f in t.facts:
            inner = ", ".join(f"{k} = {toml_value(v)}" for k, v in f.items())
            out.append(f"  {{ {inner} }},")
        out += ["]", ""]
    facts = root / "facts.toml"
    facts.write_text("\n".join(out), encoding="utf-8")
    return facts


# Run in one child process with PYTHONPATH=SRC: the CLI's own `normalise`, text by text
# (a process per text would spend most of the time starting Python).
WORKER = """
import contextlib, io, json, sys
from sourcebook.cli import main
for job in map(json.loads, sys.stdin):
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            rc = main(["normalise", job["path"], "--kind", job["kind"], "--format", "json"])
        except Exception as exc:
            print(f"crash: {exc!r}", file=sys.stderr)
            rc = 2
    print(json.dumps({"rc": rc, "stdout": out.getvalue(), "stderr": err.getvalue()}))
"""


def normalise_all(python: str, src: Path, jobs: Sequence[tuple[Path, str]]) -> list[Any]:
    env = {**os.environ, "PYTHONPATH": str(src)}
    feed = "".join(json.dumps({"path": str(p), "kind": k}) + "\n" for p, k in jobs)
    p = subprocess.run(
        [python, "-c", WORKER], input=feed, capture_output=True, text=True, env=env, check=True
    )
    return [json.loads(line) for line in p.stdout.splitlines()]


def load_score() -> ModuleType:
    spec = importlib.util.spec_from_file_location("heldout_score", HERE / "score.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@dataclass
class Outcome:
    set: str
    file: str
    fact: str
    kind: str  # right, reported, indirect, silent
    why: str


def score_texts(
    score: ModuleType, setname: str, texts: Sequence[Text], root: Path, runs: list[Any]
) -> list[Outcome]:
    out = []
    for text, run in zip(texts, runs, strict=True):
        lines = (root / text.file).read_text(encoding="utf-8").split("\n")
        diags = [m.groupdict() for m in map(score.DIAG.match, run["stderr"].splitlines()) if m]
        sb6 = [d for d in diags if d["code"].startswith("SB6")]
        model = json.loads(run["stdout"]) if run["stdout"].strip() else None
        for fact in text.facts:
            if model is None:  # refused: reported when a diagnostic says why
                kind = "reported" if diags else "silent"
                out.append(Outcome(setname, text.file, fact["id"], kind, "no model"))
                continue
            ok, why = score.check(fact, model, lines)
            kind = "right" if ok else score.failure(fact, sb6, run["rc"])[0]
            out.append(Outcome(setname, text.file, fact["id"], kind, why))
    return out


def run_condition(
    a: argparse.Namespace, score: ModuleType, setname: str, name: str | None, work: Path
) -> list[Outcome]:
    texts = read_set(setname)
    if name is not None:
        texts = [perturb(t, name) for t in texts]
    root = work / f"{setname}-{name or 'base'}"
    write_set(texts, root)
    runs = normalise_all(a.python, a.src, [(root / t.file, t.kind) for t in texts])
    return score_texts(score, setname, texts, root, runs)


def tally(outcomes: Sequence[Outcome]) -> tuple[int, int, int]:
    own = [o for o in outcomes if o.fact != "perturb-added"]
    return len(own), sum(o.kind == "right" for o in own), sum(o.kind == "silent" for o in own)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    ap.add_argument("--python", default="/tmp/sbv/bin/python")
    ap.add_argument("--src", type=Path, default=HERE.parent.parent / "src")
    ap.add_argument("--set", action="append", choices=SETS, help="default: every set")
    ap.add_argument("--transform", action="append", choices=sorted(TRANSFORMS))
    ap.add_argument("--bugs", action="store_true", help="list right-before, silent-after facts")
    ap.add_argument("--per-set", action="store_true", help="the unperturbed score of each set")
    ap.add_argument("--keep", type=Path, help="leave the perturbed sets in this directory")
    a = ap.parse_args(argv)
    a.src = a.src.resolve()
    score = load_score()
    sets = a.set or list(SETS)
    names = a.transform or list(TRANSFORMS)
    with tempfile.TemporaryDirectory(prefix="perturb-") as tmp:
        work = a.keep or Path(tmp)
        base = {s: run_condition(a, score, s, None, work) for s in sets}
        n, right, silent = tally([o for s in sets for o in base[s]])
        print(f"{'transform':<12} {'right':>9} {'silent':>7} {'bugs':>5} {'added kept out':>15}")
        print(f"{'(none)':<12} {right:>4}/{n:<4} {silent:>7}")
        if a.per_set:
            for s in sets:
                n, right, silent = tally(base[s])
                print(f"  {s:<10} {right:>4}/{n:<4} {silent:>7}")
        for name in names:
            got = {s: run_condition(a, score, s, name, work) for s in sets}
            report(a, name, base, got)
    return 0


def report(
    a: argparse.Namespace,
    name: str,
    base: dict[str, list[Outcome]],
    got: dict[str, list[Outcome]],
) -> None:
    flat = [o for s in got for o in got[s]]
    n, right, silent = tally(flat)
    added = [o for o in flat if o.fact == "perturb-added"]
    before = {(o.set, o.file, o.fact): o.kind for s in base for o in base[s]}
    bugs = [
        o for o in flat if o.kind == "silent" and before.get((o.set, o.file, o.fact)) == "right"
    ]
    kept = f"{sum(o.kind == 'right' for o in added)}/{len(added)}" if added else "-"
    print(f"{name:<12} {right:>4}/{n:<4} {silent:>7} {len(bugs):>5} {kept:>15}")
    if a.bugs:
        for o in bugs:
            print(f"    {name} {o.set}/{o.file} {o.fact}: {o.why[:150]}")
        for o in added:
            if o.kind == "silent":
                print(f"    {name} {o.set}/{o.file} perturb-added (silent): {o.why[:150]}")


if __name__ == "__main__":
    sys.exit(main())
