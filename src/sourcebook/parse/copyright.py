"""The author a personal site's copyright line names, when the page names none.

A personal blog or essay site often prints its author only in the footer:
"© 2026 Ada Brennan · Built with Jekyll".  When the page has no author after every
other rule, a removed line opening with a copyright form of ``[copyright_author]``
(``layout.toml``) followed by a bare personal name (two or three capitalised words,
none of them an organisation's word such as "Press") gives the author.  A footer
may name a company or a publisher as well as a person, so the guess is reported
(SB608) with the key that overrides it.
"""

from __future__ import annotations

import functools
import re

from sourcebook.core.diagnostics import Code
from sourcebook.model import MetaField
from sourcebook.parse.audithead import head_forms
from sourcebook.parse.state import ParseState
from sourcebook.parse.vocabulary import layout_table

_SCORE = 0.6


@functools.cache
def _form() -> tuple[re.Pattern[str], frozenset[str]]:
    data = layout_table("copyright_author")
    return re.compile(data["form"]), frozenset(w.lower() for w in data["not_names"])


def copyright_author(state: ParseState) -> None:
    """Take the author from the copyright line (see the module docstring)."""
    if any(f.name == "author" for f in state.metadata):
        return
    form, not_names = _form()
    for removed in state.removed:
        line = removed.text.split("\n")[0]
        match = form.match(" ".join(line.split()))
        if match is None or removed.line in state.keep:
            continue
        name = match.group("name")
        if not head_forms()["name"].fullmatch(name) or not_names & set(name.lower().split()):
            continue
        state.metadata.append(MetaField("author", name, removed.line))
        state.metadata.sort(key=lambda f: f.line)
        state.decide(removed.line, "metadata (author)", "copyright: the name it gives", _SCORE)
        state.warn(
            removed.line,
            1,
            Code.STRUCTURE_UNSURE,
            f"took {name!r} from the copyright line as the author (score {_SCORE:.2f}); if"
            " the page's author is someone else, set 'author' in the document",
        )
        return


__all__ = ["copyright_author"]
