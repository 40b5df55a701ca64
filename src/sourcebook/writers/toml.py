"""TOML values written by sourcebook: one function per shape, each checked by reading it back.

Literals come from tomlkit (a maintained, style-preserving TOML library);
characters a reader could not see -- controls, bidirectional controls,
zero-width and line-separator characters -- are written as ``\\uXXXX``
escapes, so a diff shows them.  Every literal is read back with
:mod:`tomllib` before it is returned: a value that would not come back
exactly raises :class:`UnwritableValue` instead of reaching a file.
"""

from __future__ import annotations

import tomllib
from collections.abc import Sequence

import tomlkit

from sourcebook.inputs.hygiene import unsafe_character
from sourcebook.writers import UnwritableValue

Value = str | int | bool | Sequence[str]


def _visible(literal: str) -> str:
    """*literal* (a TOML basic string or array of them) with unseen characters escaped.

    Escapes are ASCII, so a non-ASCII character is always a character of a
    string's content, where ``\\uXXXX`` means the same character.
    """
    out = []
    for char in literal:
        if ord(char) > 0x7E and unsafe_character(char, multiline=False) is not None:
            out.append(f"\\u{ord(char):04X}")
        else:
            out.append(char)
    return "".join(out)


def value(item: Value) -> str:
    """The one-line TOML literal of *item*: a string, integer, boolean or list of strings.

    >>> value('say "hi"\\x7f'), value(["a", "b"]), value(True)
    ('"say \\\\"hi\\\\"\\\\u007f"', '["a", "b"]', 'true')
    """
    if isinstance(item, str | bool | int):
        data: object = item
    elif all(isinstance(v, str) for v in item):
        data = list(item)
    else:
        raise UnwritableValue(f"not a string, integer, boolean or list of strings: {item!r}")
    literal = _visible(tomlkit.item(data).as_string())
    try:
        back = tomllib.loads(f"v = {literal}")["v"]
    except tomllib.TOMLDecodeError as error:  # pragma: no cover - a tomlkit bug
        raise UnwritableValue(f"the TOML writer produced invalid TOML: {error}") from None
    if back != data or "\n" in literal:
        raise UnwritableValue("the value does not read back as written")  # pragma: no cover
    return literal


def assignment(name: str, item: Value) -> str:
    """``name = literal``; *name* is sourcebook's own bare key, never contributor data."""
    if not name.replace("_", "").replace("-", "").isalnum() or not name.isascii():
        raise UnwritableValue(f"not a bare key: {name!r}")
    return f"{name} = {value(item)}"


def list_lines(name: str, items: Sequence[str]) -> str:
    """``name = [...]`` with one string per line (lists that change one item at a time)."""
    if not items:
        return f"{assignment(name, [])}\n"
    return f"{name} = [\n" + "".join(f"    {value(v)},\n" for v in items) + "]\n"
