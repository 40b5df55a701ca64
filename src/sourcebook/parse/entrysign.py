"""A reference entry's signature: its contributor's name in capitals under the text.

Biographical dictionaries and other signed reference works print the name of the
entry's contributor in capitals on a line of its own under the entry's last
paragraph ("ALICE M. BRANDT"), perhaps with the entry's sources below it.  Short,
capitalised and with no full stop, the line reads as a section's heading.

A single-line block in the text's second half, in capitals and shaped as a name
(two to ``_MAX_WORDS`` words, initials allowed), right after a paragraph of
running text and with at most ``_AFTER`` blocks below it, is the signature when
the name has a person's evidence: an initial ("M."), or the same name printed
elsewhere in the page in another case (a citation box's "Alice M. Brandt").
It fills ``author`` (unless a rule did) and is removed.  With an initial only,
the guess is reported (SB608).  A capitals heading ("LATER LIFE", "SOURCES") has
neither and stays the text's.
"""

from __future__ import annotations

import re

from sourcebook.core.diagnostics import Code
from sourcebook.model import MetaField
from sourcebook.parse.auditshape import is_running
from sourcebook.parse.state import ParseState
from sourcebook.parse.vocabulary import known_heading

#: a name in capitals: words of capitals, initials with their full stop
_NAME = re.compile(
    r"[A-Z][A-Z’'\-]+(?: (?:[A-Z]\.|[A-Z][A-Z’'\-]+)){1,4}|(?:[A-Z]\. ){1,3}[A-Z][A-Z’'\-]+"
)
_INITIAL = re.compile(r"(?:^| )[A-Z]\.(?= |$)")
#: at most this many blocks (the entry's sources) stand below the signature
_AFTER = 1
_SURE = 0.9
_GUESS = 0.6
_RULE = "entry_sign: a contributor's name in capitals under the entry"


def _printed_again(state: ParseState, name: str, line: int) -> bool:
    """*name* printed on another line of the page, in another case."""
    folded = name.casefold()
    return any(
        folded in text.casefold() and name not in text
        for number, text in enumerate(state.text.splitlines(), 1)
        if number != line
    )


def entry_sign(state: ParseState) -> None:
    """Read a reference entry's signature (see the module docstring)."""
    total = len(state.text.splitlines())
    blocks = state.blocks
    for index in range(1, len(blocks)):
        block, above = blocks[index], blocks[index - 1]
        text = block.text
        if (
            not block.single_line
            or 2 * block.line <= total
            or len(blocks) - index - 1 > _AFTER
            or block.line in state.keep
            or not _NAME.fullmatch(text)
            or known_heading(text, state.profile.kind)
            or not is_running(above.lines[-1])
        ):
            continue
        again = _printed_again(state, text, block.line)
        if not again and not _INITIAL.search(text):
            continue
        score = _SURE if again else _GUESS
        if not any(f.name == "author" for f in state.metadata):
            state.metadata.append(MetaField("author", text, block.line))
            state.metadata.sort(key=lambda f: f.line)
        state.remove(block, "signature", _RULE)
        state.decide(block.line, "author", _RULE, score)
        if not again:
            state.warn(
                block.line,
                1,
                Code.STRUCTURE_UNSURE,
                f"read {text!r} under the text as the entry's signature (score {score:.2f});"
                f" if it is a heading, list line {block.line} in 'headings' (or in 'keep')",
            )
        del blocks[index]
        return


__all__ = ["entry_sign"]
