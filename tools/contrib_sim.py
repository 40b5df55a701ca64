"""Apply constructed contributions to a copy of the repository and run the tests there.

The proof that the tests test the software, not today's corpus (CONTRIBUTING,
"Tests and the corpus"): a contributor's ordinary pull requests must leave CI
green.  On a copy of the working tree (tracked and untracked, not ignored
files), committed as ``main`` in a fresh git repository, this script makes one
branch of contributions, each with the project's own commands, checks each
with ``sourcebook check --against main`` (what CI runs on a pull request),
and finally runs pytest on the copy (``--corpus-readers``, below):

1. resolve a flagged claim: an independent source added and cited (``cite``);
2. add a document of each kind (``add``; texts written here, our own);
3. remove a document (``remove``);
4. revise a seed (``revise``: new bytes, retrieval date and reason recorded).

Which claim, which document: whatever the corpus holds first when the script
runs, so the script itself depends on no slug.

The contributions change nothing outside the corpus folders
(``layout.CORPUS_FOLDERS``: ``seeds/``, ``docs/references/``; checked here), so
a test that reads neither behaves on the copy as on the tree.  The tests'
corpus guard (``tests/corpusguard/``) fails, in the ordinary run, any test
that reads them (itself, in a fixture, in a process it starts, or through
``git`` in the repository) without the ``live`` marker; ``--corpus-readers``
then selects on the copy exactly the tests that may read them: the ``live``
ones and those of a module whose collection read the corpus.

Usage::

    python tools/contrib_sim.py [--keep DIR] [--no-tests] [-- PYTEST_ARGS...]

Exit status: 0 when every step and the tests pass.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from sourcebook.inputs import layout

ROOT = Path(__file__).resolve().parents[1]

#: one constructed text per kind; every word is ours
TEXTS = {
    "wikipedia": (
        "Lantern Makers' Guild\n\n"
        "The Lantern Makers' Guild is a trade body of lantern makers founded in 1903.[1]\n\n"
        "History\n\n"
        "The guild ran an apprentice school until 1950.[2][independent source needed]\n\n"
        "It publishes a yearly almanac of lamp designs.[3]\n"
    ),
    "blog": (
        "Canal Diary\n\n"
        "A weekly blog about the old canal\n\n"
        "Lock keepers return\n\n"
        "The lock keepers came back to the canal this spring [1] and opened two locks.\n\n"
        "The towpath is open again from the mill to the basin.\n"
    ),
    "article": (
        "The Valley Courier\n\n"
        "Orchards in the Valley\n\n"
        "The valley's orchards doubled in area over ten years.[1]\n\n"
        "Growers credit a cooperative cider press opened in the town.[2]\n\n"
        "Prices for apples stayed level through the period.\n"
    ),
    "essay": (
        "Beekeeping asks for patience more than for skill.1 The first season is spent "
        "watching.\n\n"
        "A hive that swarms is not a failure but a hive that is thriving.2\n\n"
        "Notes\n\n"
        "1. A saying of beekeepers.\n\n"
        "2. Another saying.\n"
    ),
}


class StepFailed(Exception):
    """A contribution the project's commands or CI's check refused."""


def _run(cwd: Path, *command: str, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False, env=env)
    if done.returncode != 0:
        raise StepFailed(f"$ {' '.join(command)}\n{done.stdout}{done.stderr}")
    return done.stdout


def _git(repo: Path, *args: str) -> str:
    return _run(repo, "git", "-c", "user.name=Sim", "-c", "user.email=sim@example.org", *args)


def copy_tree(dest: Path) -> Path:
    """The working tree's tracked and untracked (not ignored) files, as ``main`` of a new repo."""
    names = _run(ROOT, "git", "ls-files", "-z", "-co", "--exclude-standard").split("\0")
    for name in filter(None, names):
        source = ROOT / name
        if source.is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest / name)
    _git(dest, "init", "-q", "-b", "main")
    _git(dest, "add", "-A")
    _git(dest, "commit", "-q", "-m", "base")
    _git(dest, "checkout", "-q", "-b", "contributions")
    return dest


class Sim:
    """Runs ``sourcebook`` from the copy's own sources in the copy."""

    def __init__(self, repo: Path) -> None:
        self.repo = repo
        self.env = {**os.environ, "PYTHONPATH": str(repo / "src")}

    def sourcebook(self, *args: str) -> str:
        return _run(self.repo, sys.executable, "-m", "sourcebook", *args, env=self.env)

    def commit(self, message: str) -> None:
        """Commit a step after CI's own check of it passes."""
        self.sourcebook("check", "--against", "main")
        _git(self.repo, "add", "-A")
        _git(self.repo, "commit", "-q", "-m", message)
        print(f"ok   {message}")

    def report(self) -> dict[str, list[dict[str, object]]]:
        data: dict[str, list[dict[str, object]]] = json.loads(
            self.sourcebook("check", "--format", "json")
        )
        return data


def resolve_a_claim(sim: Sim, references: Path) -> None:
    claim = next(c for c in sim.report()["claims"] if c["flags"] and not c["resolved"])
    markers = claim["markers"]
    assert isinstance(markers, list)
    key = "simindependent2020report"
    entry = (
        f"@online{{{key},\n  author = {{Reporter, Rita}},\n  title = {{An independent report}},"
        "\n  url = {https://independent-news.example/report},\n"
        "  publisher = {Independent News},\n  year = {2020}\n}\n"
    )
    # a source is a file of its own: docs/references/<key>.bib
    (references / f"{key}.bib").write_text(entry, encoding="utf-8")
    sim.sourcebook("cite", f"{claim['document']}/{markers[0]}", key)
    sim.commit(f"resolve {claim['document']}/{claim['id']} with an independent source")


def add_documents(sim: Sim, scratch: Path) -> None:
    for kind, text in TEXTS.items():
        path = scratch / f"{kind}.txt"
        path.write_text(text, encoding="utf-8")
        slug = f"sim-{kind}"
        sim.sourcebook(
            "add",
            str(path),
            "--kind",
            kind,
            "--slug",
            slug,
            "--url",
            f"https://{kind}.example/{slug}",
            "--author",
            "Ada Example",
            "--date",
            "2020-01-02",
            *(["--title", "On Keeping Bees"] if kind == "essay" else []),
        )
        sim.commit(f"add a {kind} document")


def remove_a_document(sim: Sim) -> str:
    slug = str(sim.report()["documents"][0]["id"])
    sim.sourcebook("remove", slug)
    sim.commit(f"remove {slug}")
    return slug


def revise_a_seed(sim: Sim, scratch: Path) -> None:
    document = sim.report()["documents"][0]
    seed = sim.repo / str(document["source"])
    revised = scratch / "revised.txt"
    revised.write_bytes(seed.read_bytes() + b"\nA paragraph the new retrieval added.\n")
    sim.sourcebook(
        "revise",
        str(document["id"]),
        str(revised),
        "--retrieved",
        "2026-01-01",
        "--reason",
        "the page gained a paragraph",
    )
    sim.commit(f"revise {document['id']}")


def outside_the_corpus(repo: Path) -> list[str]:
    """The files the contributions changed outside ``layout.CORPUS_FOLDERS``."""
    changed = _git(repo, "diff", "--name-only", "main", "HEAD").splitlines()
    inside = tuple(f"{folder}/" for folder in layout.CORPUS_FOLDERS)
    return [name for name in changed if not name.startswith(inside)]


def simulate(repo: Path, scratch: Path) -> None:
    sim = Sim(repo)
    resolve_a_claim(sim, repo / "docs" / "references")
    add_documents(sim, scratch)
    remove_a_document(sim)
    revise_a_seed(sim, scratch)
    outside = outside_the_corpus(repo)
    if outside:
        # the test selection on the copy assumes only the corpus changed
        raise StepFailed(f"the contributions changed files outside the corpus: {outside}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--keep", type=Path, help="make the copy here and keep it")
    parser.add_argument("--no-tests", action="store_true", help="stop after the contributions")
    parser.add_argument("pytest_args", nargs="*", help="after --: arguments for pytest")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="sourcebook-sim-") as temp:
        repo = args.keep or Path(temp) / "repo"
        repo.mkdir(parents=True, exist_ok=False)
        scratch = Path(temp) / "scratch"
        scratch.mkdir()
        copy_tree(repo)
        start = time.monotonic()
        try:
            simulate(repo, scratch)
        except StepFailed as failed:
            print(f"FAIL {failed}", file=sys.stderr)
            return 1
        print(f"contributions applied and checked in {time.monotonic() - start:.1f} s")
        if args.no_tests:
            return 0
        env = {**os.environ, "PYTHONPATH": str(repo / "src")}
        command = [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", *args.pytest_args]
        return subprocess.run(command, cwd=repo, env=env, check=False).returncode


if __name__ == "__main__":
    raise SystemExit(main())
