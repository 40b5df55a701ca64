"""Notice every read of the live corpus, in the test process and in every Python it starts.

An audit hook (:pep:`578`) sees each ``open``, ``os.listdir``, ``os.scandir``
and ``subprocess.Popen`` of the process.  An opened or listed path under one
of the corpus folders (``seeds/``, ``docs/references/`` of the repository),
or ``git`` started in the repository (its history holds the corpus too), is
written as one line to the log the test run named: the test running
(``PYTEST_CURRENT_TEST``), the fixture being set up and the module being
collected, then what was read.  ``tests/corpusguard/plugin.py`` reads the log.

A Python started by a test imports this module through ``sitecustomize`` in
this folder (``tests/corpusguard/site``: nothing else, so the children's
imports are unchanged), which the test run puts on ``PYTHONPATH``; a child whose
environment a test wrote itself gets the guard's variables added before it
starts, so a subprocess cannot read the corpus unseen.

Standard library only, and only modules every Python has loaded at start-up:
the hook runs inside every process a test starts (some of them count the
modules they import).
"""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False  # typing is not imported at start-up: this costs the children nothing
if TYPE_CHECKING:
    from collections.abc import Mapping
    from typing import Any

#: where the lines go; the guard is off without it
LOG = "SOURCEBOOK_CORPUS_LOG"
#: the corpus folders, os.pathsep-separated absolute paths
ROOTS = "SOURCEBOOK_CORPUS_ROOTS"
#: the repository whose git history holds the corpus
REPO = "SOURCEBOOK_CORPUS_REPO"
#: the fixture being set up, the module being collected (set by the plugin)
FIXTURE = "SOURCEBOOK_CORPUS_FIXTURE"
COLLECTING = "SOURCEBOOK_CORPUS_COLLECTING"
#: pytest's own: the test running, with its phase
CURRENT = "PYTEST_CURRENT_TEST"
PASSED_ON = (LOG, ROOTS, REPO, FIXTURE, COLLECTING, CURRENT)


class _State:
    log = ""
    roots: tuple[str, ...] = ()
    repo = ""
    busy = False
    seen: set[str] = set()  # noqa: RUF012 (one per process, reset by configure)
    installed = False


def configure(environ: Mapping[str, str]) -> None:
    """Take the log, the corpus folders and the repository from *environ*."""
    _State.log = environ.get(LOG, "")
    _State.roots = tuple(filter(None, environ.get(ROOTS, "").split(os.pathsep)))
    _State.repo = environ.get(REPO, "")
    _State.seen = set()


def _name(path: object) -> str:
    """*path* as a string; '' for a file descriptor (its opening was seen already)."""
    if isinstance(path, int):
        return ""
    try:
        name = os.fspath(path)  # type: ignore[call-overload]
    except TypeError:
        return ""
    return os.fsdecode(name) if isinstance(name, bytes) else str(name)


def _inside(path: object, folders: tuple[str, ...]) -> str:
    """*path* made absolute when it is one of *folders* or under one; else ''."""
    name = _name(path)
    if not name:
        return ""
    full = os.path.abspath(name)
    for folder in folders:
        if full == folder or full.startswith(folder + os.sep):
            return full
    return ""


def _program(executable: object, args: object) -> str:
    first = executable
    if not first:
        if isinstance(args, str | bytes):
            first = args.split()[0] if args.split() else ""
        elif isinstance(args, list | tuple) and args:
            first = args[0]
    try:
        return os.path.basename(os.fsdecode(first))  # type: ignore[arg-type]
    except TypeError:
        return ""


def _git_in_repo(args: object, cwd: object) -> str:
    """'git in REPO' when git is started in the repository (``cwd`` or ``-C``)."""
    where = os.fsdecode(cwd) if isinstance(cwd, str | bytes | os.PathLike) else os.getcwd()
    if isinstance(args, list | tuple) and "-C" in args:
        given = args[list(args).index("-C") + 1]
        where = os.path.join(where, os.fsdecode(given))
    return "git started in the repository" if _inside(where, (_State.repo,)) else ""


def _pass_on(env: object) -> None:
    """Give a child started with an environment of its own the guard's variables."""
    if not isinstance(env, dict):
        return  # None (the child inherits os.environ, guarded already) or a mapping left alone
    for key in PASSED_ON:
        if key not in env and key in os.environ:
            env[key] = os.environ[key]
    here = os.path.dirname(os.path.abspath(__file__))
    path = str(env.get("PYTHONPATH", "") or "")
    if here not in path.split(os.pathsep):
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [path, here]))


def _read(event: str, args: tuple[Any, ...]) -> str:
    """What *event* read of the corpus, or ''."""
    if event == "open" and args[1] is None and not os.path.isabs(_name(args[0])):
        # os.open (no mode): a relative name may be relative to a dir_fd the event does
        # not carry (shutil.rmtree walks a tree so), so it cannot be placed; Python reads
        # files through open(), which gives a mode and is placed relative to the cwd
        return ""
    if event in ("open", "os.listdir", "os.scandir"):
        return _inside(args[0], _State.roots) if args else ""
    if event == "subprocess.Popen":
        executable, argv, cwd, env = args
        _pass_on(env)
        if _State.repo and _program(executable, argv) == "git":
            return _git_in_repo(argv, cwd)
    return ""


def _record(what: str) -> None:
    current = os.environ.get(CURRENT, "").rsplit(" (", 1)[0]
    line = "\t".join((current, os.environ.get(FIXTURE, ""), os.environ.get(COLLECTING, ""), what))
    if line in _State.seen:
        return
    _State.seen.add(line)
    fd = os.open(_State.log, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        os.write(fd, (line + "\n").encode("utf-8", "surrogateescape"))
    finally:
        os.close(fd)


#: the events that can read the corpus; any other returns at the first test
EVENTS = frozenset({"open", "os.listdir", "os.scandir", "subprocess.Popen"})


def _hook(event: str, args: tuple[Any, ...]) -> None:
    if event not in EVENTS or not _State.log or _State.busy:
        return
    _State.busy = True  # the log's own open is an event too
    try:
        what = _read(event, args)
        if what:
            _record(what)
    finally:
        _State.busy = False


def install() -> None:
    """Add the hook once per process (an audit hook cannot be removed)."""
    if not _State.installed:
        sys.addaudithook(_hook)
        _State.installed = True


def install_from_environment() -> None:
    """``sitecustomize``'s entry: guard this process when a test run started it."""
    if os.environ.get(LOG):
        configure(os.environ)
        install()
