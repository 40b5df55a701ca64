"""``sourcebook claims``: the queue of unresolved flagged claims, as text or JSON.

Exit 0; 1 when a contributor file fails to load (its errors on stderr: the
queue would miss that file's claims).
"""

from __future__ import annotations

import argparse
import datetime
import json
import sys
from pathlib import Path

from sourcebook.check.claimqueue import Wanted, claim_queue, queue_json, sort_queue
from sourcebook.core.diagnostics import Severity
from sourcebook.corpus.load import load_corpus


def _age(wanted: Wanted) -> str:
    dated = wanted.dated
    if dated.first_flagged is None:
        return "age unknown (no git history)"
    at_least = "at least " if dated.history == "shallow" else ""
    return f"{at_least}{dated.age_days} days (first flagged {dated.first_flagged})"


def _needs(wanted: Wanted) -> str:
    resolve = wanted.resolve()
    if resolve["needs"] == "source":
        return "needs: any source"
    if "subject" not in resolve:
        return "needs: an independent source"
    return (
        f"needs: a source independent of {resolve['subject_name']}: not on "
        f"{', '.join(resolve['not_domains']) or '(no domains listed)'}; not published by "
        f"{', '.join(resolve['not_publishers']) or '(no publishers listed)'} "
        f"({resolve['listed_at']})"
    )


def as_text(queue: list[Wanted]) -> str:
    lines = []
    for wanted in queue:
        changes = wanted.source_changes
        lines += [
            f"{wanted.id}  {_age(wanted)}  [{'; '.join(wanted.record.claim.flags)}]",
            f"  {wanted.title} ({wanted.seed}:{wanted.record.claim.line})",
            f"  “{wanted.record.claim.text}”",
            f"  sources changed {changes} time{'' if changes == 1 else 's'}; {_needs(wanted)}",
            f"  resolve: {wanted.resolve()['command']}",
        ]
    lines.append(f"{len(queue)} unresolved flagged claim{'' if len(queue) == 1 else 's'}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="sourcebook claims", description=__doc__)
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument("--sort", choices=("age", "document"), default="age")
    parser.add_argument("--root", type=Path, default=Path("."), metavar="DIR")
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else 2
    corpus = load_corpus(args.root)
    today = datetime.datetime.now(datetime.UTC).date()
    queue = sort_queue(claim_queue(corpus, today), args.sort)
    if args.format == "json":
        print(json.dumps(queue_json(queue, today), ensure_ascii=False, indent=2, sort_keys=True))
    else:
        print(as_text(queue))
    # a file that fails to load hides its claims: say so (warnings are the check's business)
    errors = [d for d in corpus.diagnostics if d.severity is Severity.ERROR]
    for diag in errors:
        print(diag.format(), file=sys.stderr)
    return 1 if errors else 0
