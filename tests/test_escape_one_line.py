""":func:`escape`'s path for a text of one line gives what the general path gives.

Most texts a page escapes are sentences, with no line break; they take a
path that tries the line-start rules at the start only.  On random texts of
one line (MyST's special characters, digits, list markers, every kind of
white space Python's ``\\s`` knows, line separators that are not ``\\n``),
it must return exactly what the rules applied to every line return.
"""

from __future__ import annotations

import random

from sourcebook.render import escape as module

ALPHABET = [
    *"ab1 9.)-+=:%(!\\`*_{}[]<>#|~$&",
    "\t",
    "\x0b",
    "\x0c",
    "\x1c",
    "\x85",
    "\u2028",
    "\u00a0",
    "’",
]


def test_a_line_escapes_as_every_line_does() -> None:
    rng = random.Random(2212)
    marked = 0
    for _ in range(20_000):
        text = "".join(rng.choices(ALPHABET, k=rng.randint(0, 12)))
        assert "\n" not in text and "\r" not in text
        got = module.escape(text)
        assert got == module._escape_lines(text), repr(text)
        marked += got != module._INLINE_SPECIAL.sub(r"\\\1", text)
    assert marked > 1000  # the line-start rules did apply


def test_texts_with_line_breaks_take_the_general_path() -> None:
    assert module.escape(" 1. a\r2) b\n  - c") == " 1\\. a\n2\\) b\n\\- c"
