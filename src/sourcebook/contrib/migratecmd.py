"""``sourcebook migrate``: convert a project from the flat layout to a folder per document.

Once per project (``nox -s migrate``).  Every new file is computed in memory
first (:func:`sourcebook.corpus.migrate.migrate_files`); a flat file that
cannot be mapped stops the command before anything is written, with the file
named.  Run on a project already converted, it changes nothing.  ``--check``
only says whether the project needs it (exit 1 when it does).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from sourcebook.corpus.migrate import MigrationError, migrate_files, migrate_tree, read_tree


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="sourcebook migrate",
        description="Convert seeds/manifest.toml, seeds/*.txt, seeds/apparatus/, "
        "seeds/entities.toml, docs/references.bib and docs/sources/ to the folder layout "
        "(all or nothing; nothing to do when already converted).",
    )
    parser.add_argument("--root", type=Path, default=Path("."), metavar="DIR")
    parser.add_argument(
        "--check", action="store_true", help="change nothing; exit 1 if the project needs it"
    )
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else 2
    try:
        if args.check:
            old = read_tree(args.root)
            needed = migrate_files(old) != old
            print("the project needs `nox -s migrate`" if needed else "the layout is current")
            return 1 if needed else 0
        done = migrate_tree(args.root)
    except MigrationError as exc:
        print(f"{exc.path}:1:1: SB221 {exc}; nothing was written")
        return 1
    print("\n".join(done) if done else "the layout is current; nothing to do")
    if done:
        print("then commit everything (git add -A seeds docs): git records the moves as renames")
    return 0
