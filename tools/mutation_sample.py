"""A seeded, sampled mutation score of one package (parse, bib or check) with mutmut.

Every mutant of the package is generated (mutmut 3.8.1, pinned in the noxfile); a
seeded random sample of them is run against the package's tests; the result — killed,
survived, time-outs, the Wilson 95 % interval of the kill ratio and each survivor with
its diff — is written to ``tools/mutation/<package>.json``. A full run of every mutant
takes hours on the shared 2-core machine; a random sample gives the same ratio within
the interval it reports.

The run happens in a copy of the repository (``build/mutation/<package>/``) whose
``[tool.mutmut]`` table names only that package and its tests, so each package is
measured on its own and the repository's files are never mutated.

Usage (from the repository root; ``nox -s mutation -- parse`` does the same)::

    nice -n 19 python tools/mutation_sample.py parse [--size 200] [--seed 20261207]

A surviving mutant that cannot change behaviour is recorded, with the reason, in
``tools/mutation/equivalent.toml`` under its name and the SHA-256 of its diff (so the
note stops applying when the code changes); the score is given with and without them.
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import json
import math
import os
import random
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import tomlkit

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "tools" / "mutation"
EQUIVALENT = RESULTS / "equivalent.toml"
WORK = ROOT / "build" / "mutation"
#: the repository entries copied into the work directory (mutmut copies src/ itself)
COPIED = ("src", "tests", "seeds", "docs", "tools", "bench", "pyproject.toml", "README.md")
COPIED_FILES = ("noxfile.py", "CONTRIBUTING.md")
#: tests that need a real Sphinx, TeX or browser (slow, and they run no mutated code in
#: this process) or that read the live corpus
MARKERS = "not sphinx and not browser and not pdf and not live"

#: the tests each package is measured against: those that exercise it through its
#: public functions, its doctests, and the tests written against its mutants
TESTS: dict[str, list[str]] = {
    # every parse test file, so that tests added with a rule are never left out
    "parse": [
        "tests/test_normalise_fixtures.py",
        "tests/test_structure_hints.py",
        "tests/test_rule_edges.py",
        "tests/test_lossless.py",
        *sorted(str(p.relative_to(ROOT)) for p in ROOT.glob("tests/test_parse_*.py")),
        *sorted(str(p.relative_to(ROOT)) for p in ROOT.glob("tests/test_mutants_parse*.py")),
        "src/sourcebook/parse",
    ],
    "bib": [
        "tests/bib",
        "tests/test_writers.py",
        "tests/test_bibstyle.py",
        "tests/test_rule_edges.py",
        "tests/test_mutants_bib.py",
        "src/sourcebook/bib",
    ],
    "check": [
        "tests/test_check_rules.py",
        "tests/test_check_changes.py",
        "tests/test_check_command.py",
        "tests/test_claims_queue.py",
        "tests/test_ratchet.py",
        "tests/test_review.py",
        "tests/test_verdicts.py",
        "tests/test_weakening.py",
        "tests/test_independence.py",
        "tests/test_rule_edges.py",
        "tests/attacks/test_review_markdown.py",
        "tests/bib/test_bib_check.py",
        "tests/bib/test_bib_corpus.py",
        "tests/test_mutants_check.py",
        "src/sourcebook/check",
    ],
}

#: mutmut's exit codes, grouped: a failing test or a run-away loop kills a mutant
KILLED = {1: "killed", 3: "killed", -9: "timeout", 24: "timeout", -24: "timeout", 36: "timeout"}
KILLED.update({152: "timeout", 255: "timeout"})
NOT_KILLED = {0: "survived", 5: "no tests", 33: "no tests"}
#: an earlier outcome as an exit code, for a mutant a cut-short rerun did not reach
EARLIER = {"survived": 0, "no tests": 33, "not run": -1}


def wilson(successes: int, trials: int, z: float = 1.959964) -> tuple[float, float]:
    """The Wilson score interval of a binomial proportion (95 % for the default z).

    >>> [round(x, 3) for x in wilson(180, 200)]
    [0.851, 0.934]
    >>> wilson(0, 0)
    (0.0, 1.0)
    """
    if trials == 0:
        return (0.0, 1.0)
    p = successes / trials
    denominator = 1 + z * z / trials
    centre = (p + z * z / (2 * trials)) / denominator
    half = z * math.sqrt(p * (1 - p) / trials + z * z / (4 * trials * trials)) / denominator
    return (max(0.0, centre - half), min(1.0, centre + half))


def selection(package: str) -> list[str]:
    """The package's test paths that exist (a renamed test file is skipped, not an error)."""
    return [path for path in TESTS[package] if (ROOT / path).exists()]


def mutated_files(package: str, modules: tuple[str, ...] = ()) -> list[str]:
    """mutmut's ``only_mutate`` patterns: the whole package, or only the named modules.

    >>> mutated_files("parse")
    ['src/sourcebook/parse/*']
    >>> mutated_files("parse", ("titleblock", "apphead"))
    ['src/sourcebook/parse/apphead.py', 'src/sourcebook/parse/titleblock.py']
    """
    if not modules:
        return [f"src/sourcebook/{package}/*"]
    return [f"src/sourcebook/{package}/{module}.py" for module in sorted(modules)]


def check_modules(package: str, modules: tuple[str, ...]) -> None:
    """Refuse a module name that is not a module of the package (a typo would otherwise
    give a sample of nothing, or of the modules that happen to remain)."""
    missing = [m for m in modules if not (ROOT / mutated_files(package, (m,))[0]).is_file()]
    if missing:
        raise SystemExit(f"not modules of src/sourcebook/{package}/: {', '.join(missing)}")


def stage(
    package: str, work: Path, deselect: tuple[str, ...] = (), modules: tuple[str, ...] = ()
) -> Path:
    """A fresh copy of the repository whose [tool.mutmut] table names only ``package``
    (only its *modules*, when some are named).

    *deselect*: test ids left out (mutmut needs every selected test to pass unmutated).
    """
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "_build", "artifacts")
    for name in COPIED + COPIED_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, work / name, ignore=ignore)
        elif source.exists():
            shutil.copy2(source, work / name)
    document = tomlkit.parse((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    table = tomlkit.table()
    table["source_paths"] = ["src"]
    table["only_mutate"] = mutated_files(package, modules)
    table["pytest_add_cli_args_test_selection"] = selection(package)
    left_out = [arg for test in deselect for arg in ("--deselect", test)]
    table["pytest_add_cli_args"] = ["-p", "no:cacheprovider", "-m", MARKERS, *left_out]
    # every entry but src/ (mutmut copies src/ itself), for the tests that read them
    table["also_copy"] = [name for name in COPIED + COPIED_FILES if name != "src"]
    # the work directory is not a git checkout of its own
    table["use_git_change_detection"] = False
    document["tool"]["mutmut"] = table
    (work / "pyproject.toml").write_text(tomlkit.dumps(document), encoding="utf-8")
    return work


GENERATE = """
import os
from mutmut.__main__ import create_mutants, store_lines_covered_by_tests
from mutmut.utils.file_utils import copy_also_copy_files, copy_src_dir, setup_source_paths
os.makedirs("mutants", exist_ok=True)
copy_src_dir()
copy_also_copy_files()
setup_source_paths()
store_lines_covered_by_tests()
create_mutants(2)
"""


def generate(work: Path, package: str) -> list[str]:
    """Generate every mutant of the package; their names, sorted."""
    subprocess.run([sys.executable, "-c", GENERATE], cwd=work, check=True, capture_output=True)
    names: list[str] = []
    for meta in sorted((work / "mutants" / "src" / "sourcebook" / package).rglob("*.meta")):
        names.extend(json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"])
    return sorted(names)


def exit_codes(work: Path, package: str) -> dict[str, int | None]:
    """Each generated mutant's recorded exit code (None: not run)."""
    codes: dict[str, int | None] = {}
    for meta in (work / "mutants" / "src" / "sourcebook" / package).rglob("*.meta"):
        codes.update(json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"])
    return codes


def mutmut() -> str:
    """The mutmut next to this interpreter (the venv's), else the one on PATH."""
    beside = Path(sys.executable).with_name("mutmut")
    return str(beside) if beside.exists() else "mutmut"


def diff_of(work: Path, name: str) -> str:
    """The mutant's diff as mutmut shows it, without its header line."""
    shown = subprocess.run(
        [mutmut(), "show", name], cwd=work, check=True, capture_output=True, text=True
    ).stdout
    lines = [line for line in shown.splitlines() if not line.startswith("# ")]
    return "\n".join(line.rstrip() for line in lines).strip() + "\n"


def equivalents() -> dict[str, dict[str, str]]:
    """The recorded equivalent mutants: name -> {sha256, reason}."""
    if not EQUIVALENT.exists():
        return {}
    data = tomllib.loads(EQUIVALENT.read_text(encoding="utf-8"))
    return {name: dict(entry) for name, entry in data.get("mutant", {}).items()}


def classify(codes: dict[str, int | None], sample: list[str]) -> dict[str, list[str]]:
    """The sampled mutants by outcome: killed, timeout, survived, no tests, other."""
    outcome: dict[str, list[str]] = {
        "killed": [],
        "timeout": [],
        "survived": [],
        "no tests": [],
        "other": [],
    }
    for name in sample:
        code = codes.get(name)
        kind = KILLED.get(code, NOT_KILLED.get(code, "other")) if code is not None else "other"
        outcome[kind].append(name)
    return outcome


def survivors(work: Path, outcome: dict[str, list[str]]) -> tuple[list[dict[str, Any]], int]:
    """Every mutant not killed, with its diff and any recorded equivalence; the count of
    equivalent ones.  Mutants not run (a run cut short) are listed by name only."""
    known = equivalents()
    entries: list[dict[str, Any]] = [
        {"name": name, "outcome": "not run"} for name in sorted(outcome["other"])
    ]
    equivalent = 0
    for kind in ("survived", "no tests"):
        for name in sorted(outcome[kind]):
            diff = diff_of(work, name)
            digest = hashlib.sha256(diff.encode("utf-8")).hexdigest()
            entry: dict[str, Any] = {"name": name, "outcome": kind, "sha256": digest}
            note = known.get(name)
            if note and note.get("sha256") == digest:
                entry["equivalent"] = note["reason"]
                equivalent += 1
            entry["diff"] = diff
            entries.append(entry)
    return entries, equivalent


def report(
    package: str,
    seed: int,
    total: int,
    sample: list[str],
    work: Path,
    commit: str,
    carried: set[str],
    earlier: dict[str, int] | None = None,
) -> dict[str, Any]:
    """The figures of a run, as written to tools/mutation/<package>.json.

    *carried* mutants were killed by an earlier run of the same sample (``--after``);
    *earlier* gives the earlier exit code of a mutant not run again (a cut-short rerun),
    so it counts as it did then, not as not run.
    The ratio is over the mutants run (``tested``); a run cut short leaves some
    ``not_run``, and ``kill_ratio_if_not_run_survived`` is then the lower bound.
    """
    codes = exit_codes(work, package)
    codes.update(dict.fromkeys(carried, 1))
    for name, code in (earlier or {}).items():
        if codes.get(name) is None:
            codes[name] = code
    outcome = classify(codes, sample)
    killed = len(outcome["killed"]) + len(outcome["timeout"])
    entries, equivalent = survivors(work, outcome)
    tested = len(sample) - len(outcome["other"])
    low, high = wilson(killed, tested)
    judged = tested - equivalent
    low_eq, high_eq = wilson(killed, judged)
    return {
        "package": f"src/sourcebook/{package}/",
        "tool": "mutmut 3.8.1",
        "command": f"nice -n 19 python tools/mutation_sample.py {package} "
        f"--size {len(sample)} --seed {seed}",
        "commit": commit,
        "date": datetime.date.today().isoformat(),
        "seed": seed,
        "mutants_generated": total,
        "sample_size": len(sample),
        "tested": tested,
        "killed": killed,
        "killed_by_test": len(outcome["killed"]),
        "timeouts": len(outcome["timeout"]),
        "survived": len(outcome["survived"]),
        "no_tests": len(outcome["no tests"]),
        "not_run": len(outcome["other"]),
        "equivalent": equivalent,
        "kill_ratio": round(killed / tested, 4) if tested else None,
        "wilson_95": [round(low, 4), round(high, 4)],
        "kill_ratio_without_equivalent": round(killed / judged, 4) if judged else None,
        "wilson_95_without_equivalent": [round(low_eq, 4), round(high_eq, 4)],
        "kill_ratio_if_not_run_survived": round(killed / len(sample), 4) if sample else None,
        "tests": selection(package),
        "not_killed": entries,
        "sample": sample,
    }


def after_sample(before: dict[str, Any], names: list[str]) -> tuple[list[str], set[str], list[str]]:
    """The sample of an earlier run (*before*) as it stands now: its mutants that were
    run and still exist, those it killed (tests were only added since, so they stay
    killed), and those whose code is gone.  Mutants it never ran stay out."""
    present = set(names)
    never_run = {e["name"] for e in before["not_killed"] if e["outcome"] == "not run"}
    not_killed = {entry["name"] for entry in before["not_killed"]}
    ran = [name for name in before["sample"] if name not in never_run]
    sample = [name for name in ran if name in present]
    gone = [name for name in ran if name not in present]
    return sample, {name for name in sample if name not in not_killed}, gone


def run_mutants(work: Path, names: list[str], jobs: int) -> None:
    """Run the named mutants (mutmut's own log is kept in the work directory)."""
    if not names:
        return
    with (work / "mutmut.log").open("w", encoding="utf-8") as log:
        command = [mutmut(), "run", "--max-children", str(jobs), *names]
        subprocess.run(command, cwd=work, stdout=log, stderr=subprocess.STDOUT)


def arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("package", choices=sorted(TESTS))
    parser.add_argument("--size", type=int, default=200, help="mutants in the sample")
    parser.add_argument("--seed", type=int, default=20261207, help="seed of the sample")
    parser.add_argument("--jobs", type=int, default=2, help="mutants run at once")
    parser.add_argument("--output", type=Path, help="default: tools/mutation/<package>.json")
    parser.add_argument(
        "--report-only",
        action="store_true",
        help="write the result of the run left in build/mutation/<package> (one cut short)",
    )
    parser.add_argument(
        "--deselect",
        action="append",
        default=[],
        metavar="TEST_ID",
        help="leave out a test that fails on the unmutated code (recorded in the result)",
    )
    parser.add_argument(
        "--module",
        action="append",
        default=[],
        metavar="NAME",
        help="mutate and sample only this module of the package (repeatable; "
        "an --after run takes the earlier record's modules)",
    )
    parser.add_argument(
        "--after",
        type=Path,
        help="an earlier result: run its sample's mutants that were not killed, again",
    )
    return parser.parse_args(argv)


def chosen_modules(args: argparse.Namespace) -> tuple[str, ...]:
    """The modules named with --module, else those of the --after record (none: all)."""
    if args.module or not args.after:
        return tuple(sorted(set(args.module)))
    before = json.loads(args.after.read_text(encoding="utf-8"))
    return tuple(before.get("modules", ()))


def main(argv: list[str] | None = None) -> int:
    args = arguments(argv)
    modules = chosen_modules(args)
    check_modules(args.package, modules)
    os.nice(19)  # the machine is shared: a mutation run only ever takes idle time
    work = WORK / (args.package + ("-after" if args.after else ""))
    if args.report_only:
        names = sorted(exit_codes(work, args.package))
    else:
        staged = stage(args.package, work, tuple(args.deselect), modules)
        names = generate(staged, args.package)
        # the commit measured (with any uncommitted changes: "git status" tells)
        head = ["git", "rev-parse", "HEAD"]
        commit = subprocess.run(head, cwd=ROOT, capture_output=True, text=True).stdout
        (work / "COMMIT").write_text(commit, encoding="utf-8")
    commit = (work / "COMMIT").read_text(encoding="utf-8").strip()
    carried: set[str] = set()
    earlier: dict[str, int] = {}
    if args.after:
        before = json.loads(args.after.read_text(encoding="utf-8"))
        sample, carried, gone = after_sample(before, names)
        earlier = {e["name"]: EARLIER[e["outcome"]] for e in before["not_killed"]}
    else:
        sample = sorted(random.Random(args.seed).sample(names, min(args.size, len(names))))
    todo = [name for name in sample if name not in carried]
    print(f"{args.package}: {len(names)} mutants generated, running {len(todo)}", flush=True)
    if not args.report_only:
        run_mutants(work, todo, args.jobs)
    result = report(args.package, args.seed, len(names), sample, work, commit, carried, earlier)
    if modules:
        result["modules"] = list(modules)
        result["command"] += "".join(f" --module {module}" for module in modules)
    if args.deselect:
        result["tests_deselected"] = args.deselect
        result["command"] += "".join(f" --deselect '{test}'" for test in args.deselect)
    if args.after:
        result["command"] += f" --after {args.after}"
        result["after"] = {
            "of": str(args.after),
            "killed_before_and_not_run_again": len(carried),
            "run_again": len(todo),
            "sampled_but_code_removed": gone,
        }
    out = args.output or RESULTS / f"{args.package}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    low, high = result["wilson_95"]
    print(
        f"{args.package}: {result['killed']} of {result['tested']} killed "
        f"(95 % interval {low:.1%}–{high:.1%}); {out}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
