"""An author's tagline closing an op-ed or essay: "NAME is a … at …".

Opinion pages and essays close with one short paragraph about the writer
("Ada Quill is a ferry pilot in Portvale. The views expressed are her own.").
The last block of the text is that tagline when it opens "Name is a/an/the"
(two to four capitalised words), holds at most ``max_words`` words and
``max_sentences`` sentences, and carries a cue of ``[tagline]`` in
``layout.toml``: a disclaimer ("The views expressed are …") makes it sure; a
role cue alone (" at ", "the author of", "columnist") makes it a guess,
reported (SB608).  A closing sentence with no cue ("Mira Holt is a good
example of what the fund can do.") and the same shape in the text's middle
stay text.  The tagline becomes the bio, and its name the author when the page
named none.
"""

from __future__ import annotations

import functools
import re

from sourcebook.core.diagnostics import Code
from sourcebook.parse.blocks import RawBlock
from sourcebook.parse.rules import _BIO
from sourcebook.parse.state import ParseState
from sourcebook.parse.vocabulary import layout_table, vocabulary

_GUESS = 0.7
_SENTENCE_END = re.compile(r"[.!?](?=\s+[A-Z]|$)")


@functools.cache
def _cues() -> tuple[int, int, tuple[str, ...], tuple[str, ...]]:
    data = layout_table("tagline")
    disclaimers = tuple(c.lower() for c in data["disclaimers"])
    roles = tuple(c.lower() for c in data["role_cues"])
    return int(data["max_words"]), int(data["max_sentences"]), disclaimers, roles


def _score(text: str) -> float:
    """How sure a closing paragraph is the writer's tagline: 0 when it is not."""
    max_words, max_sentences, disclaimers, roles = _cues()
    if len(text.split()) > max_words or len(_SENTENCE_END.findall(text)) > max_sentences:
        return 0.0
    lowered = f" {text.lower()} "
    if any(cue in lowered for cue in disclaimers):
        return 0.9
    return _GUESS if any(cue in lowered for cue in roles) else 0.0


def tagline_bio(state: ParseState, blocks: list[RawBlock]) -> None:
    """Read the text's last block as the writer's tagline (see the module docstring)."""
    if len(blocks) < 3:
        return
    last = blocks[-1]
    text = " ".join(last.text.split())
    match = _BIO.match(text)
    if match is None or last.line in state.keep:
        return
    score = _score(text)
    if not score:
        return
    name = match.group(1)
    state.decide(last.line, "bio", "bio: a closing 'Name is a …' tagline", score)
    if score < vocabulary().sure:
        state.warn(
            last.line,
            1,
            Code.STRUCTURE_UNSURE,
            f"read the closing paragraph opening {name!r} as the writer's tagline (score"
            f" {score:.2f}); if it is text, list line {last.line} in 'keep'",
        )
    state.author = state.author or name
    state.bio = text
    del blocks[-1]


__all__ = ["tagline_bio"]
