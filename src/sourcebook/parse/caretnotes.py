"""A MediaWiki reference list's lines, removed with their section, as the page's notes.

A wiki page copied as text prints its references under "References" or "Notes" as
one line a reference, opened by the link back to its marker: ``^ Text`` for a
reference cited once, ``^ a b Text`` (one letter a citation) for one cited more
often; older copies print ``Jump up ^`` or ``Jump up to: a b``, mirrors ``↑``, and
some a number first (``3. ^ Text``).  The evidence pass removes the section whole
(``references heading``); this pass gives the reference lines back as footnotes,
numbered in their order (the nth line is reference n, as MediaWiki numbers them),
so that a marker ``[n]`` of the text whose source is not yet in the bibliography
shows the reference's own text.  The lines stay out of the body (the provenance
record keeps them).  Only when the text cites ``[1]``: a list whose markers the
copy lost has nothing to link to, and stays removed.
"""

from __future__ import annotations

import re

from sourcebook.model import Footnote
from sourcebook.parse.state import ParseState

#: a reference line: its optional number, the back link (with the citations' letters
#: "a b c" when cited more than once), then the reference's text
_CARET = re.compile(
    r"(?:\d{1,3}\.? )?(?:\^|↑|Jump up(?: to:)?(?: \^)?)\s?(?:a b(?: [c-z]){0,24} )?"
    r"(?P<text>[^\s^↑].{0,2000})"
)
_REASON = "notes section"


def reference_text(line: str) -> str | None:
    """The reference's text of a reference line, else None.

    >>> reference_text("^ a b Pellport Gazette, 4 May 1911."), reference_text("^ Board minutes.")
    ('Pellport Gazette, 4 May 1911.', 'Board minutes.')
    >>> reference_text("Jump up to: a b c Hob End history."), reference_text("4. ^ Ibid.")
    ('Hob End history.', 'Ibid.')
    >>> reference_text("External links") is None, reference_text("^ ") is None
    (True, True)
    """
    match = _CARET.fullmatch(line.strip())
    return match.group("text").strip() if match else None


def caret_notes(state: ParseState) -> None:
    """Footnotes from the reference lines of the removed notes sections."""
    if state.footnotes or not any("[1]" in line for b in state.blocks for line in b.lines):
        return
    notes: list[Footnote] = []
    for removed in state.removed:
        if removed.reason != _REASON:
            continue
        for offset, line in enumerate(removed.text.split("\n")):
            text = reference_text(line)
            if text is not None:
                notes.append(Footnote(str(len(notes) + 1), text, removed.line + offset))
    if notes:
        state.footnotes += notes
        state.decide(notes[0].line, "footnotes", "notes: a wiki's reference lines ('^')", 0.85)


__all__ = ["caret_notes", "reference_text"]
