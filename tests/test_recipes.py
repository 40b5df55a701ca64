"""Every CONTRIBUTING.md recipe, applied to a copy of the project, passes CI; mistakes fail.

The recipes are followed as a contributor would: on a branch of a git copy
of the real project, with the commands CONTRIBUTING.md names first
(``sourcebook cite``, ``sourcebook add``).  Their targets are picked from
whatever the corpus holds today -- the first unresolved flagged claim, the
first unmapped marker -- so the test keeps working as the corpus grows.
Then the CI command set runs: the check against the merge base, ``fmt
--check`` and one Sphinx build with ``-W`` for all three recipes together.
Each wrong variant must fail with exactly one located error naming its fix.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sourcebook.check import main as check_main
from sourcebook.contrib.add import main as add_main
from sourcebook.contrib.citecmd import main as cite_main
from sourcebook.contrib.fmt import main as fmt_main
from sourcebook.corpus.load import load_corpus
from tests.conftest import ROOT, copy_project, git, init_repo, sphinx_build
from tests.corpusfiles import add_entries

INDEPENDENT = """
@article{eastport2004independent,
  author = {Roe, Sam},
  title = {A report written for the recipe test},
  journal = {Eastport Tribune},
  year = {2004},
  url = {https://www.eastport-tribune.co.uk/2004/report}
}
"""

ANY_SOURCE = """
@misc{recipe2020source,
  title = {A source written for the recipe test},
  howpublished = {Recipe Test Press},
  year = {2020},
  url = {https://recipe-press.example.org/source}
}
"""

NEW_SEED = (
    "Eastport Dockers Choir\n\nThe choir was formed by retired dockers in 1998.\n\n"
    "[1] It sings at the harbour festival each summer.\n\n"
    "[2][independent source needed] Its first conductor had worked on the cranes.\n"
)


def first_unresolved(root: Path) -> tuple[str, str]:
    """SLUG/MARKER of the first unresolved flagged claim, and its subject."""
    corpus = load_corpus(root)
    for doc in corpus.documents:
        for record in doc.claims:
            if record.flagged and not record.resolved and doc.entry.subject:
                return f"{doc.entry.slug}/{record.claim.markers[0]}", doc.entry.subject
    pytest.skip("the corpus has no unresolved flagged claim left")


def first_unmapped(root: Path) -> str:
    """SLUG/MARKER of the first marker without a source, on a claim that is not flagged."""
    corpus = load_corpus(root)
    for doc in corpus.documents:
        flagged = {m for r in doc.claims if r.flagged for m in r.claim.markers}
        for label in doc.document.marker_labels:
            citation = doc.citation(label)
            if citation is not None and not citation.keys and label not in flagged:
                return f"{doc.entry.slug}/{label}"
    pytest.skip("the corpus has no unmapped marker left")


def run(main: object, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[str]]:
    assert callable(main)
    status = int(main(list(args)))
    return status, capsys.readouterr().out.splitlines()


def errors(output: list[str]) -> list[str]:
    return [line for line in output if re.search(r": SB[1-4]\d\d ", line)]


@pytest.fixture
def branch(tmp_path: Path) -> Path:
    """A git copy of the real project, on a pull-request branch off ``main``."""
    repo = init_repo(copy_project(tmp_path / "project"))
    git(repo, "checkout", "-q", "-b", "pr")
    return repo


def append(folder: Path, text: str) -> None:
    """Each entry of *text* as its own file in the bibliography's *folder*."""
    add_entries(folder.parent.parent, text)


def ci(repo: Path, capsys: pytest.CaptureFixture[str]) -> list[str]:
    """The CI command set without the Sphinx build; returns the findings."""
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "pull request")
    status, output = run(check_main, capsys, "--root", str(repo), "--against", "main")
    fmt_status, fmt_output = run(fmt_main, capsys, "--root", str(repo), "--check")
    found = errors(output) + errors(fmt_output)
    assert (status == 0 and fmt_status == 0) == (not found), output + fmt_output
    return found


@pytest.mark.sphinx
def test_every_recipe_passes_the_ci_command_set(
    branch: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = str(branch)
    # recipe: resolve a flagged claim with an independent source
    target, _ = first_unresolved(branch)
    append(branch / "docs/references", INDEPENDENT)
    status, out = run(cite_main, capsys, "--root", root, target, "eastport2004independent")
    assert status == 0, out
    assert any(": independently-sourced (" in line for line in out), out
    # recipe: attach a source to an unmapped marker
    marker = first_unmapped(branch)
    append(branch / "docs/references", ANY_SOURCE)
    status, out = run(cite_main, capsys, "--root", root, marker, "recipe2020source")
    assert status == 0, out
    # recipe: add a new document
    seed = tmp_path / "choir.txt"
    seed.write_text(NEW_SEED, encoding="utf-8")
    status, out = run(
        add_main, capsys, "--root", root, str(seed), "--kind", "wikipedia", "--slug",
        "recipe-choir", "--publisher", "Wikipedia", "--url", "https://en.wikipedia.org/wiki/Choir",
    )  # fmt: skip
    assert status == 0, out

    assert ci(branch, capsys) == []
    build = sphinx_build(branch)
    assert build.returncode == 0, build.stdout + build.stderr
    page = (branch / "docs/_build/html/corpus/recipe-choir.html").read_text(encoding="utf-8")
    assert "Eastport Dockers Choir" in page


def test_a_resolution_needs_no_baseline_commit(
    branch: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target, _ = first_unresolved(branch)
    append(branch / "docs/references", INDEPENDENT)
    status, _ = run(cite_main, capsys, "--root", str(branch), target, "eastport2004independent")
    assert status == 0
    git(branch, "checkout", "main", "--", "seeds/baseline.toml")  # a local file, left as it was
    assert ci(branch, capsys) == []


def test_a_raised_baseline_fails(branch: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = load_corpus(branch)
    doc, citation = next(
        (d, c) for d in corpus.documents for c in d.entry.citations if c.keys
    )  # fmt: skip
    apparatus = branch / (doc.entry.apparatus_path or "")
    text = apparatus.read_text(encoding="utf-8")
    keys = "keys = [" + ", ".join(f'"{k}"' for k in citation.keys) + "]"
    assert keys in text
    apparatus.write_text(text.replace(keys, "keys = []", 1), encoding="utf-8")
    for key in citation.keys:  # keep the entries in use, so the only change is the marker
        bib = branch / "docs/references" / f"{key}.bib"
        bib.write_text(
            bib.read_text(encoding="utf-8").replace(
                f"@misc{{{key},", f"@misc{{{key},\n  keywords = {{mentioned}},"
            ),
            encoding="utf-8",
        )
    status, out = run(check_main, capsys, "--root", str(branch), "--update-baseline")
    assert status == 1 and [e.split(": ")[1][:5] for e in errors(out)] == ["SB405"]
    status, out = run(
        check_main, capsys, "--root", str(branch), "--update-baseline", "--allow-increase", "test"
    )
    assert status == 0, out
    found = ci(branch, capsys)
    assert found and all(": SB401 new unmapped marker " in line for line in found)
    assert len(found) == 1 or len(citation.keys) > 1


@pytest.mark.parametrize(
    ("url", "journal"),
    [
        ("https://www.{domain}/recipe-test", "Recipe Test Weekly"),
        ("https://web.archive.org/web/2010/https://{domain}/recipe-test", "Recipe Test Weekly"),
    ],
    ids=["affiliated", "archive-of-affiliated"],
)
def test_an_affiliated_source_leaves_the_claim_and_says_why(
    branch: Path, capsys: pytest.CaptureFixture[str], url: str, journal: str
) -> None:
    target, subject = first_unresolved(branch)
    domain = load_corpus(branch).manifest.subjects[subject].domains[0]
    append(
        branch / "docs/references",
        INDEPENDENT.replace(
            "https://www.eastport-tribune.co.uk/2004/report", url.format(domain=domain)
        ).replace("Eastport Tribune", journal),
    )
    status, out = run(cite_main, capsys, "--root", str(branch), target, "eastport2004independent")
    assert status == 0
    assert any(
        ": needs-independent-source (" in line and f"{domain} is an outlet" in line for line in out
    )
    # CI passes (nothing got worse) but still counts the claim, and says why it stays
    assert ci(branch, capsys) == []
    claim = next(line for line in out if line.startswith("claim ")).split()[1].rstrip(":")
    status, output = run(check_main, capsys, "--root", str(branch), "--against", "main")
    assert status == 0
    assert any(
        f": SB506 claim {claim} " in line and f"{domain} is an outlet" in line for line in output
    )


def test_a_typo_in_a_key_fails_with_a_suggestion(
    branch: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target, _ = first_unresolved(branch)
    slug, label = target.split("/")
    append(branch / "docs/references", INDEPENDENT)
    status, out = run(cite_main, capsys, "--root", str(branch), target, "eastport2004independnt")
    assert status == 1 and "did you mean 'eastport2004independent'?" in out[0]
    # by hand, the manual way: the check finds the same typo, once, where it is
    apparatus = branch / f"seeds/{slug}/apparatus.toml"
    text = apparatus.read_text(encoding="utf-8")
    old = f'label = "{label}"\nkeys = ['
    assert old in text
    apparatus.write_text(text.replace(old, old + '"eastport2004independnt", ', 1), "utf-8")
    assert run(fmt_main, capsys, "--root", str(branch))[0] == 0  # the manual recipe's last step
    [error] = ci(branch, capsys)
    assert ": SB303 " in error and "did you mean 'eastport2004independent'?" in error


@pytest.mark.live
def test_the_live_project_is_canonical() -> None:
    assert fmt_main(["--root", str(ROOT), "--check"]) == 0
