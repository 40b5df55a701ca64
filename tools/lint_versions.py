"""Fail unless the installed lint tools are exactly the versions the project pins.

The pre-commit hooks run ruff and mypy from the environment (no download at
commit time), so this hook runs first and refuses a commit checked by other
versions than ``nox -s lint`` uses.  Usage: ``python tools/lint_versions.py
ruff==0.17.5 mypy==2.4.1 ...`` (the pins are the hook's ``args`` in
``.pre-commit-config.yaml``; a test keeps them equal to ``noxfile.py``'s).
"""

from __future__ import annotations

import sys
from importlib.metadata import PackageNotFoundError, version


def mismatches(pins: list[str]) -> list[str]:
    """One line per pin that the environment does not satisfy exactly."""
    problems = []
    for pin in pins:
        name, _, wanted = pin.partition("==")
        try:
            found = version(name)
        except PackageNotFoundError:
            found = "not installed"
        if found != wanted:
            problems.append(f"{name} {found}; the project pins {pin}")
    return problems


def main(argv: list[str]) -> int:
    problems = mismatches(argv)
    for problem in problems:
        print(f"lint tools: {problem}", file=sys.stderr)
    if problems:
        print("install the pinned tools: pip install -e '.[test,lint]'", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
