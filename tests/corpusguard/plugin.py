"""The corpus guard: a test that reads the live corpus must be marked ``live``.

Why: CI proves that a contributor's correct pull request cannot turn a test
red by running, on a copy of the repository changed by constructed
contributions (``tools/contrib_sim.py``), every test whose outcome can depend
on the corpus.  Which tests those are is not a hand list: this plugin watches
every test (and every Python process it starts, and ``git`` run in the
repository) through ``corpusguard_hook``, and fails at teardown a test that
read ``seeds/`` or ``docs/references/`` of the repository without the
``live`` marker.  A test that reads neither behaves the same on the copy, so
the copy need only run the ``live`` ones (``--corpus-readers``), plus every
test of a module whose collection read the corpus (its parameters may come
from it).

Registered by ``tests/conftest.py``; ``--corpus-root DIR`` watches another
project (the guard's own test).
"""

from __future__ import annotations

import importlib
import os
import sys
import tempfile
from collections import defaultdict
from collections.abc import Generator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from sourcebook.inputs import layout

#: what the children get on PYTHONPATH: sitecustomize and the hook, nothing else
HERE = Path(__file__).resolve().parent / "site"
if TYPE_CHECKING:
    from tests.corpusguard.site import corpusguard_hook as hook
else:
    # the module under the name sitecustomize imports it by (HERE on the path), so that an
    # xdist worker, guarded since start-up, keeps one hook and reconfigures it
    if str(HERE) not in sys.path:
        sys.path.append(str(HERE))
    hook = importlib.import_module("corpusguard_hook")

ADVICE = (
    "mark it @pytest.mark.live (it then runs on the copy tools/contrib_sim.py changes), "
    "or give it a constructed corpus (tests/roots/, tests/corpusfiles.py)"
)


def corpus_folders(root: Path) -> tuple[Path, ...]:
    """The folders a contribution changes (``tools/contrib_sim.py`` checks it changes no other)."""
    return tuple(root / folder for folder in layout.CORPUS_FOLDERS)


class Log:
    """The lines of the run's log, read as they come: who read what."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.offset = 0
        self.by_test: defaultdict[str, set[str]] = defaultdict(set)
        self.by_fixture: defaultdict[str, set[str]] = defaultdict(set)
        self.by_module: defaultdict[str, set[str]] = defaultdict(set)

    def update(self) -> None:
        if not self.path.exists():
            return
        with self.path.open("rb") as stream:
            stream.seek(self.offset)
            data = stream.read()
        complete = data[: data.rfind(b"\n") + 1]
        self.offset += len(complete)
        for line in complete.decode("utf-8", "surrogateescape").splitlines():
            test, fixture, module, what = line.split("\t", 3)
            if fixture:
                self.by_fixture[fixture].add(what)
            elif test:
                self.by_test[test].add(what)
            elif module:
                self.by_module[module].add(what)


def _fixture_key(fixturedef: pytest.FixtureDef[object]) -> str:
    return f"{fixturedef.baseid}::{fixturedef.argname}"


class CorpusGuard:
    def __init__(self, config: pytest.Config) -> None:
        config.addinivalue_line("markers", "live: reads the live corpus (tests/corpusguard/)")
        root = Path(config.getoption("--corpus-root") or config.rootpath).resolve()
        folder = Path(tempfile.mkdtemp(prefix="sourcebook-corpusguard-"))
        self.log = Log(folder / "reads.log")
        self.folder = folder
        for inherited in (hook.CURRENT, hook.FIXTURE, hook.COLLECTING):
            os.environ.pop(inherited, None)  # an outer run's (the guard's own test)
        os.environ[hook.LOG] = str(self.log.path)
        os.environ[hook.ROOTS] = os.pathsep.join(str(f) for f in corpus_folders(root))
        os.environ[hook.REPO] = str(root)
        path = os.environ.get("PYTHONPATH", "")
        if str(HERE) not in path.split(os.pathsep):
            os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [path, str(HERE)]))
        hook.configure(os.environ)
        hook.install()

    def close(self) -> None:
        os.environ.pop(hook.LOG, None)
        hook.configure(os.environ)
        for child in self.folder.iterdir():
            child.unlink()
        self.folder.rmdir()

    @pytest.hookimpl(wrapper=True)
    def pytest_make_collect_report(self, collector: pytest.Collector) -> Generator[None]:
        if not isinstance(collector, pytest.Module):
            return (yield)
        os.environ[hook.COLLECTING] = collector.nodeid
        try:
            return (yield)
        finally:
            os.environ.pop(hook.COLLECTING, None)

    @pytest.hookimpl(wrapper=True)
    def pytest_fixture_setup(self, fixturedef: pytest.FixtureDef[object]) -> Generator[None]:
        outer = os.environ.get(hook.FIXTURE)
        os.environ[hook.FIXTURE] = _fixture_key(fixturedef)
        try:
            return (yield)
        finally:
            if outer is None:
                os.environ.pop(hook.FIXTURE, None)
            else:
                os.environ[hook.FIXTURE] = outer

    def reads(self, item: pytest.Item) -> set[str]:
        """What *item*, the fixtures it uses and its module's collection read of the corpus."""
        self.log.update()
        found = set(self.log.by_test.get(item.nodeid, ()))
        info = getattr(item, "_fixtureinfo", None)
        for defs in info.name2fixturedefs.values() if info else ():
            for fixturedef in defs:
                found |= self.log.by_fixture.get(_fixture_key(fixturedef), set())
        return found

    def module_read(self, item: pytest.Item) -> bool:
        self.log.update()
        module = item.getparent(pytest.Module)
        return module is not None and module.nodeid in self.log.by_module

    @pytest.hookimpl(wrapper=True, trylast=True)
    def pytest_runtest_teardown(self, item: pytest.Item) -> Generator[None]:
        result = yield
        found = self.reads(item)
        if found and item.get_closest_marker("live") is None:
            root = os.environ.get(hook.REPO, "") + os.sep
            shown = ", ".join(sorted(w.removeprefix(root) for w in found)[:5])
            pytest.fail(f"{item.nodeid} read the live corpus ({shown}): {ADVICE}", pytrace=False)
        return result

    def pytest_collection_modifyitems(
        self, config: pytest.Config, items: list[pytest.Item]
    ) -> None:
        if not config.getoption("--corpus-readers"):
            return
        keep = [i for i in items if i.get_closest_marker("live") or self.module_read(i)]
        config.hook.pytest_deselected(items=[i for i in items if i not in keep])
        items[:] = keep


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("corpus guard")
    group.addoption(
        "--corpus-readers",
        action="store_true",
        help="run only the tests that may read the live corpus (marked live, or in a module "
        "whose collection read it): what CI runs on the copy tools/contrib_sim.py changes",
    )
    group.addoption("--corpus-root", help="the project whose corpus is watched (default: rootdir)")


def pytest_configure(config: pytest.Config) -> None:
    config.pluginmanager.register(CorpusGuard(config), "corpusguard")


def pytest_unconfigure(config: pytest.Config) -> None:
    guard = config.pluginmanager.get_plugin("corpusguard")
    if isinstance(guard, CorpusGuard):
        guard.close()
