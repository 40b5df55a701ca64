"""Fetched text made plain, or refused: values from a server are data, never markup.

Metadata services put formatting in their text (Crossref titles carry JATS
``<i>`` and ``<sub>``; pages decode entities twice).  Tags are dropped and
their text kept (a ``<script>`` or ``<style>`` element is dropped whole),
entities decoded and spaces collapsed.  A character that could hide or
reorder text in a reviewer's diff (bidirectional controls, zero-width
characters, C0/C1 controls) is refused with where it was, not removed: the
reviewer should see that the service sent it.

>>> plain("The <i>Ergebnisse</i> of H<sub>2</sub>O &amp; more", "title")
'The Ergebnisse of H2O & more'
>>> plain("a <script>alert(1)</script>b", "title")
'a b'
>>> plain("a {b} c", "title")
'a {b} c'
>>> plain("ok\\u202etxt", "/message/title/0")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
sourcebook.contrib.metadata.clean.Unusable: /message/title/0: character 3 is ...
"""

from __future__ import annotations

from html.parser import HTMLParser

from sourcebook.core.text import collapse_spaces
from sourcebook.inputs.hygiene import unsafe_character

_DROPPED = frozenset({"script", "style", "template", "noscript"})


class Unusable(ValueError):
    """A fetched value that cannot be made safe; ``where`` locates it in the response."""

    def __init__(self, where: str, problem: str) -> None:
        super().__init__(f"{where}: {problem}")
        self.where = where
        self.problem = problem


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _DROPPED:
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in _DROPPED and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def strip_tags(text: str) -> str:
    """*text* without HTML tags and with entities decoded (stdlib parser, never executes)."""
    if "<" not in text and "&" not in text:
        return text
    parser = _Text()
    parser.feed(text)
    parser.close()
    return "".join(parser.parts)


def plain(value: object, where: str) -> str:
    """*value* as one line of plain Unicode text; raises :class:`Unusable`."""
    if not isinstance(value, (str, int)) or isinstance(value, bool):
        raise Unusable(where, f"expected text, got {type(value).__name__}")
    text = collapse_spaces(strip_tags(str(value)).replace("\n", " ").replace("\t", " ")).strip()
    found = unsafe_character(text, multiline=False)
    if found is not None:
        index, problem = found
        raise Unusable(where, f"character {index + 1} is a {problem}")
    unbalanced = _unbalanced_brace(text)
    if unbalanced is not None:
        raise Unusable(
            where,
            f"character {unbalanced + 1} is an unbalanced brace, which BibTeX cannot hold "
            "(it counts braces even when escaped); write this entry by hand",
        )
    return text


def _unbalanced_brace(text: str) -> int | None:
    """Index of the first brace that BibTeX could not match, or ``None``."""
    opened: list[int] = []
    for index, char in enumerate(text):
        if char == "{":
            opened.append(index)
        elif char == "}":
            if not opened:
                return index
            opened.pop()
    return opened[0] if opened else None


def optional(value: object, where: str) -> str | None:
    """:func:`plain`, or ``None`` for a missing or empty value."""
    if value is None or value == "" or value == []:
        return None
    return plain(value, where) or None
