"""Sessions (``nox -l``): tests, contributions, docs, pdf, epub, manual, manualpdf, lighthouse,
checkcitations, lint, bench, mutation, serve, and the contributor's commands add, cite, fmt,
review, remove, revise, subject, normalise, pages, check-bib, and ``sourcebook`` (any subcommand:
``nox -s sourcebook -- COMMAND ARGS``).

Every command CONTRIBUTING.md, the pull-request template and the checker's
messages name is one of these sessions, so the README's set-up
(``pip install "nox[uv]"``) is all a contributor needs: ``sourcebook`` itself
need not be on PATH.  Arguments after ``--`` go to the command.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import nox
import nox.command

nox.options.default_venv_backend = "uv|virtualenv"
nox.options.sessions = ["tests"]
os.environ.setdefault("UV_PYTHON_DOWNLOADS", "never")

BUILD = Path("docs") / "_build"
PYTHON = f"{sys.version_info.major}.{sys.version_info.minor}"
#: pytest-xdist: one worker per core; ``-- -n 0`` after a session name runs serially
PARALLEL = ("-n", "auto")
TEX_INSTALL = (
    "sudo apt-get install -y --no-install-recommends latexmk texlive-latex-recommended "
    "texlive-latex-extra texlive-fonts-recommended texlive-xetex fonts-freefont-otf xindy"
)


#: the lint tools; .pre-commit-config.yaml and pyproject's `lint` extra pin the
#: same versions (tests/test_project_checks.py keeps them equal)
LINT_PINS = ("ruff==0.17.5", "mypy==2.4.1", "types-docutils==0.23.0.20261107")
#: the house rules (tools/house_rules.py): radon scores complexity, grimp builds the import graph
HOUSE_PINS = ("radon==6.0.1", "grimp==3.19")
LINT_PATHS = ("src", "tests", "tools", "bench", "noxfile.py")
#: mutation testing (tools/mutation_sample.py calls mutmut's mutant generation, so the
#: version is pinned exactly) and the packages it measures
MUTMUT_PIN = "mutmut==3.8.1"
MUTATED = ("parse", "bib", "check")


def _install(session: nox.Session, extras: str) -> None:
    """Install the package (editable) with the pinned extras."""
    session.install("-e", f".[{extras}]")


@nox.session(python=PYTHON)
def tests(session: nox.Session) -> None:
    """Run the test suite (unit, Sphinx builds, PDF and browser tests when their tools exist)."""
    _install(session, "test")
    # coverage of the package, printed before pytest's closing line (CI shows the figure);
    # one worker per core (pytest-xdist): the suite is CPU-bound (Sphinx builds, TeX,
    # Chromium), so two cores halve it (8 min 29 s -> 5 min 2 s on the 2-core CI machine)
    session.run(
        "pytest",
        *PARALLEL,
        "--cov=sourcebook",
        "--cov-report=term:skip-covered",
        *session.posargs,
    )


@nox.session(python=PYTHON)
def contributions(session: nox.Session) -> None:
    """Apply constructed contributions to a copy of the repository, then run the tests there.

    ``tools/contrib_sim.py``: resolve a claim, add a document of each kind, remove
    one, revise a seed, each checked as CI checks a pull request; then pytest on
    the copy (arguments after ``--`` go to pytest).

    Only the tests that may read the corpus run there (``--corpus-readers``): the
    ``live`` ones and those of a module whose collection read it.  That is the
    whole proof, not a sample of it: the contributions change only the corpus
    folders (contrib_sim checks it), and the corpus guard (tests/corpusguard/)
    fails in ``nox -s tests`` any test that reads them (directly, in a fixture,
    in a process it starts, or through git in the repository) without the
    ``live`` marker, so every other test reads the same files on the copy as on
    the tree.  The selection is measured on every run, never listed by hand.
    One process (``-n 0`` unless given): the selection is a few tests, and two
    workers would each collect the whole suite first.
    """
    _install(session, "test")
    parallel = () if {"-n", "--numprocesses"} & set(session.posargs) else ("-n", "0")
    session.run(
        "python",
        "tools/contrib_sim.py",
        "--",
        "--corpus-readers",
        *parallel,
        *session.posargs,
    )


def _build_fresh(session: nox.Session, fresh: Path, built: Path, final: Path, *args: str) -> None:
    """Run ``sphinx-build *args`` into *fresh*; move *built* to *final* only on success.

    A failed build (the extension refuses when ``sourcebook check`` reports an
    error) leaves no output at all: neither its own half-made pages nor the
    previous build's, which would be presented as current.

    *fresh* starts as a hard-linked copy of *final* (a plain copy across
    file systems), so Sphinx rewrites only the pages whose documents changed:
    a rebuild stays incremental.  Whatever it rewrites in place is the old
    output's too, which is why that output is replaced or removed either way.
    """
    shutil.rmtree(fresh, ignore_errors=True)
    if (final / ".buildinfo").is_file() and built == fresh:
        try:
            shutil.copytree(final, fresh, symlinks=True, copy_function=os.link)
        except OSError:
            shutil.rmtree(fresh, ignore_errors=True)
            shutil.copytree(final, fresh, symlinks=True)
    try:
        session.run("sphinx-build", *args)
    except nox.command.CommandFailed:
        shutil.rmtree(fresh, ignore_errors=True)
        shutil.rmtree(final, ignore_errors=True)
        session.error(f"build failed; {final} removed so no stale output remains")
    shutil.rmtree(final, ignore_errors=True)
    built.rename(final)
    shutil.rmtree(fresh, ignore_errors=True)
    session.log(f"build succeeded; the output is in {final}")


def _build_site(
    session: nox.Session, builder: str, source: str, name: str, *extra: str, posargs: bool = True
) -> None:
    """``sphinx-build -b BUILDER SOURCE`` into docs/_build/NAME (doctrees beside it).

    The session's arguments go to sphinx-build unless *posargs* is false.
    """
    fresh = BUILD / f"{name}.new"
    _build_fresh(
        session,
        fresh,
        fresh,
        BUILD / name,
        *("-W", "--keep-going", "-b", builder, *extra),
        *("-d", str(BUILD / f"doctrees-{name}"), source, str(fresh)),
        *(session.posargs if posargs else ()),
    )


@nox.session(python=PYTHON)
def docs(session: nox.Session) -> None:
    """Build the HTML reader into docs/_build/html (warnings are errors; checker errors stop it)."""
    _install(session, "docs")
    _build_site(session, "html", "docs", "html", "-j", "auto")


def _need_tex(session: nox.Session, *tools: str) -> None:
    """Stop the session with the install command when a TeX tool is missing."""
    missing = [tool for tool in tools if shutil.which(tool) is None]
    if missing:
        session.error(f"TeX is missing ({', '.join(missing)}). Install it with:\n  {TEX_INSTALL}")


@nox.session(python=PYTHON)
def pdf(session: nox.Session) -> None:
    """Build the PDF (docs/_build/latex/sourcebook.pdf) with xelatex; checker errors stop it."""
    _need_tex(session, "xelatex", "latexmk", "xindy")
    _install(session, "docs")
    fresh = BUILD / "pdf.new"
    _build_fresh(
        session,
        fresh,
        fresh / "latex",
        BUILD / "latex",
        "-M",
        "latexpdf",
        "docs",
        str(fresh),
        "-W",
        "--keep-going",
        *session.posargs,
    )


@nox.session(python=PYTHON)
def epub(session: nox.Session) -> None:
    """Build the book as EPUB 3 (docs/_build/epub/sourcebook.epub); EPUBCheck it when installed."""
    _install(session, "docs")
    _build_site(session, "epub", "docs", "epub")
    epub = str(BUILD / "epub" / "sourcebook.epub")
    jar = Path("/usr/share/java/epubcheck.jar")  # Debian's; its /usr/bin wrapper needs binfmt
    if jar.is_file() and shutil.which("java"):
        session.run("java", "-jar", str(jar), epub, external=True)
    elif shutil.which("epubcheck"):
        session.run("epubcheck", epub, external=True)
    else:
        session.log("epubcheck is not installed (sudo apt-get install epubcheck); not validated")


@nox.session(python=PYTHON)
def manual(session: nox.Session) -> None:
    """Build the contributor's and developer's manual (docs/manual) into docs/_build/manual."""
    _install(session, "docs")
    _build_site(session, "html", "docs/manual", "manual")


@nox.session(python=PYTHON)
def manualpdf(session: nox.Session) -> None:
    """The manual as a PDF (docs/_build/manual-latex/sourcebook-manual.pdf), then its log checked.

    The check (tools/latexlog.py) fails the session on an undefined reference, a
    missing character or an overfull box over 5 pt.
    """
    _need_tex(session, "xelatex", "latexmk")
    _install(session, "docs")
    fresh = BUILD / "manualpdf.new"
    final = BUILD / "manual-latex"
    _build_fresh(
        session,
        fresh,
        fresh / "latex",
        final,
        *("-M", "latexpdf", "docs/manual", str(fresh), "-W", "--keep-going"),
        *session.posargs,
    )
    session.run("python", "tools/latexlog.py", str(final / "sourcebook-manual.log"))


@nox.session(python=PYTHON)
def lighthouse(session: nox.Session) -> None:
    """Lighthouse on every page type of the book and the manual, desktop and mobile.

    Builds both into docs/_build, then ``tools/lighthouse.py`` writes the scores to
    bench/lighthouse.json (``-- --out FILE`` elsewhere).  Needs Node's Lighthouse CLI
    (``npm install lighthouse@12.8.2``; give its path in LIGHTHOUSE if not on PATH)
    and Chromium; skipped without them.  Slow (a minute a page): not in CI.
    """
    found = os.environ.get("LIGHTHOUSE") or shutil.which("lighthouse")
    if not found or not Path("/usr/bin/chromium").exists():
        session.skip(
            "Lighthouse or Chromium is missing: npm install lighthouse@12.8.2, then "
            "LIGHTHOUSE=node_modules/.bin/lighthouse nox -s lighthouse"
        )
    _install(session, "docs")
    _build_site(session, "html", "docs", "html", posargs=False)
    _build_site(session, "html", "docs/manual", "manual", posargs=False)
    book, manual = str(BUILD / "html"), str(BUILD / "manual")
    session.run(
        "python", "tools/lighthouse.py", "--book", book, "--manual", manual, *session.posargs
    )


def _sourcebook(session: nox.Session, *command: str) -> None:
    """Run ``sourcebook COMMAND ARGS`` in a reused environment (a second run is fast)."""
    session.install("-e", ".")
    session.run("sourcebook", *command, *session.posargs)


@nox.session(python=PYTHON, reuse_venv=True)
def checkcitations(session: nox.Session) -> None:
    """Audit citations, claims and the bibliography (fast; no Sphinx build).

    ``nox -s checkcitations -- --update-baseline`` lowers the baseline;
    ``-- --against origin/main`` is what CI runs on a pull request.
    """
    _sourcebook(session, "check")


@nox.session(python=PYTHON, reuse_venv=True)
def add(session: nox.Session) -> None:
    """Add a seed document: ``nox -s add -- FILE --kind KIND --slug SLUG ...``."""
    _sourcebook(session, "add")


@nox.session(python=PYTHON, reuse_venv=True)
def cite(session: nox.Session) -> None:
    """Attach a source to a marker: ``nox -s cite -- SLUG/MARKER KEY|--doi 10.… [...]``."""
    _sourcebook(session, "cite")


@nox.session(python=PYTHON, reuse_venv=True)
def claims(session: nox.Session) -> None:
    """The queue of unresolved flagged claims: ``nox -s claims -- [--format json]``."""
    _sourcebook(session, "claims")


@nox.session(python=PYTHON, reuse_venv=True)
def source(session: nox.Session) -> None:
    """Add a bibliography entry from a DOI, ISBN or URL: ``nox -s source -- add --doi 10.…``.

    ``nox -s source -- verify`` re-derives every fetched entry from its record, offline.
    """
    _sourcebook(session, "source")


@nox.session(python=PYTHON, reuse_venv=True)
def fmt(session: nox.Session) -> None:
    """Put docs/references/*.bib and the baseline in canonical form (``-- --check`` only checks)."""
    _sourcebook(session, "fmt")


@nox.session(python=PYTHON, reuse_venv=True)
def migrate(session: nox.Session) -> None:
    """Convert a flat-layout project to a folder per document (``-- --check`` only checks)."""
    _sourcebook(session, "migrate")


@nox.session(python=PYTHON, reuse_venv=True)
def remove(session: nox.Session) -> None:
    """Remove a document: ``nox -s remove -- SLUG``."""
    _sourcebook(session, "remove")


@nox.session(python=PYTHON, reuse_venv=True)
def revise(session: nox.Session) -> None:
    """A new retrieval of a seed: ``nox -s revise -- SLUG FILE --retrieved DATE --reason WHY``."""
    _sourcebook(session, "revise")


@nox.session(python=PYTHON, reuse_venv=True)
def subject(session: nox.Session) -> None:
    """Create a subject: ``nox -s subject -- ID --name NAME --domain DOMAIN``."""
    _sourcebook(session, "subject")


@nox.session(python=PYTHON, reuse_venv=True)
def normalise(session: nox.Session) -> None:
    """Print the page of a text file: ``nox -s normalise -- FILE --kind KIND``."""
    _sourcebook(session, "normalise")


@nox.session(python=PYTHON, reuse_venv=True)
def pages(session: nox.Session) -> None:
    """Generate the corpus pages into docs/corpus: ``nox -s pages``."""
    _sourcebook(session, "pages")


@nox.session(name="check-bib", python=PYTHON, reuse_venv=True)
def check_bib(session: nox.Session) -> None:
    """Check .bib files on their own: ``nox -s check-bib -- FILE...``."""
    _sourcebook(session, "check-bib")


@nox.session(python=PYTHON, reuse_venv=True)
def sourcebook(session: nox.Session) -> None:
    """Any ``sourcebook`` command: ``nox -s sourcebook -- COMMAND ARGS...``."""
    _sourcebook(session)


@nox.session(python=PYTHON, reuse_venv=True)
def review(session: nox.Session) -> None:
    """Markdown review of this branch against its merge base (``-- BASE_REF``, default main)."""
    session.install("-e", ".")
    base = session.posargs[:1] or ["origin/main"]
    session.run("sourcebook", "check", "--compare", *base, *session.posargs[1:])


@nox.session(python=PYTHON)
def lint(session: nox.Session) -> None:
    """Run ruff check, ruff format --check, mypy --strict and the house rules (tools/)."""
    _install(session, "test")
    session.install(*LINT_PINS, *HOUSE_PINS)
    session.run("ruff", "check", *LINT_PATHS)
    session.run("ruff", "format", "--check", *LINT_PATHS)
    session.run("mypy")
    # grade D functions, 401-line modules, 61-line functions and import cycles fail
    # unless recorded as debt in tools/house-debt.toml (which may only shrink)
    session.run("python", "tools/house_rules.py", "src/sourcebook")


@nox.session(python=PYTHON)
def bench(session: nox.Session) -> None:
    """Benchmark normalising, checking and building a scaled synthetic corpus."""
    _install(session, "docs")
    # bench/search_bytes.py measures a first search in Chromium (the test extra's pin)
    session.install("playwright==1.65.2")
    session.run("python", "bench/run.py", *session.posargs)


@nox.session(python=PYTHON)
def mutation(session: nox.Session) -> None:
    """Sampled mutation scores of parse/, bib/ and check/ (mutmut); slow, not in CI.

    ``nox -s mutation -- bib`` measures one package; options after the names go to
    tools/mutation_sample.py (``--size 200 --seed 20261207`` by default). Each result is
    written to tools/mutation/<package>.json.
    """
    _install(session, "test")
    session.install(MUTMUT_PIN)
    names = [arg for arg in session.posargs if arg in MUTATED] or list(MUTATED)
    options = [arg for arg in session.posargs if arg not in MUTATED]
    for name in names:
        session.run("python", "tools/mutation_sample.py", name, *options)


@nox.session(python=PYTHON)
def serve(session: nox.Session) -> None:
    """Live preview for editors (sphinx-autobuild)."""
    _install(session, "docs")
    session.install("sphinx-autobuild==2025.8.25")
    session.run(
        "sphinx-autobuild",
        "docs",
        "docs/_build/html",
        "--watch",
        "seeds",
        "--watch",
        "src",
        *session.posargs,
    )
