"""Unicode hygiene for contributor strings: invisible, reordering and look-alike text.

A reviewer reads a pull request's diff, not its code points.  Bidirectional
controls reorder what the diff shows (the "Trojan Source" trick), control
and invisible characters hide text, and a Cyrillic ``а`` inside a Latin name
makes a second entity that looks like the first.  These checks make such
strings visible as errors.  Look-alike data comes from the Unicode
confusables table as packaged by ``confusable-homoglyphs`` (script aliases
per character, and the confusable pairs).

>>> unsafe_character("Fine text\\twith a tab", multiline=False)
>>> unsafe_character("admin\\u202e txt", multiline=False)
(5, 'bidirectional control U+202E')
>>> mixed_script_word("Alliance for Workers'"), mixed_script_word("\\u0410lliance")
(None, 'Аlliance')
>>> skeleton("AWL") == skeleton("\\u0410WL"), skeleton("awl-wiki") == skeleton("aw1-wiki")
(True, True)
>>> shown("a\\u202eb\\x85")
"'a\\\\u202eb\\\\x85'"
"""

from __future__ import annotations

import functools
import re
import unicodedata

#: characters that reorder the display of the text around them
BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
#: characters that render as nothing and so hide a difference between two strings
INVISIBLE = frozenset(
    "\u00ad\u115f\u1160\u180e\u200b\u200c\u200d\u2060\u2061\u2062\u2063\u2064\ufeff"
)
#: line breaks other than LF that some renderers honour and a diff does not show
SEPARATORS = frozenset("\u0085\u2028\u2029")
#: the scripts whose letters are confused with each other in practice
_CONFUSED_SCRIPTS = frozenset({"LATIN", "GREEK", "CYRILLIC"})


def unsafe_character(
    text: str, *, multiline: bool, invisible: bool = True
) -> tuple[int, str] | None:
    """The index and a description of the first unsafe character in *text*.

    Tab is always allowed, LF only when *multiline*; C0 and C1 controls, DEL,
    bidirectional controls, Unicode line separators and (when *invisible*)
    zero-width characters are not.
    """
    found = _UNSAFE[multiline, invisible].search(text)
    if found is None:
        return None  # the common case, decided by one search in C
    index = found.start()
    char = text[index]
    return index, f"{_problem(char, multiline, invisible)} U+{ord(char):04X}"


def unsafe_pattern(*, multiline: bool, invisible: bool = True) -> re.Pattern[str]:
    """The compiled class of what :func:`unsafe_character` refuses, to scan long texts with."""
    return _UNSAFE[multiline, invisible]


def _problem(char: str, multiline: bool, invisible: bool) -> str | None:
    code = ord(char)
    if char == "\t" or (char == "\n" and multiline):
        return None
    if code < 0x20 or code == 0x7F or 0x80 <= code <= 0x9F:
        return "control character"
    if char in BIDI_CONTROLS:
        return "bidirectional control"
    if char in SEPARATORS:
        return "line separator"
    if invisible and char in INVISIBLE:
        return "invisible character"
    return None


def _unsafe_class(multiline: bool, invisible: bool) -> re.Pattern[str]:
    """One character class of every character :func:`_problem` refuses (a test checks
    all of Unicode against it), so the first unsafe character is one regex search."""
    unsafe = [chr(code) for code in (*range(0x20), 0x7F, *range(0x80, 0xA0))]
    unsafe = [char for char in unsafe if char != "\t" and not (char == "\n" and multiline)]
    unsafe += sorted(BIDI_CONTROLS | SEPARATORS | (INVISIBLE if invisible else frozenset()))
    return re.compile("[" + "".join(re.escape(char) for char in unsafe) + "]")


_UNSAFE = {(m, i): _unsafe_class(m, i) for m in (False, True) for i in (False, True)}


def _scripts(word: str) -> set[str]:
    from confusable_homoglyphs import categories

    return {categories.alias(char) for char in word} & _CONFUSED_SCRIPTS


def mixed_script_word(text: str) -> str | None:
    """The first word of *text* that mixes Latin, Greek or Cyrillic letters.

    A word in one script, or words of different scripts side by side, are
    fine ("Kyiv Київ"); one word mixing them is the homoglyph spoof.
    """
    if text.isascii():
        return None  # an ASCII word is in one script
    for word in text.split():
        if not word.isascii() and len(_scripts(word)) > 1:
            return word
    return None


@functools.cache
def _prototypes() -> dict[str, str]:
    """Each confusable character mapped to one representative of its class.

    The table lists, per character, the characters it can be confused with;
    joining those pairs (union-find) gives classes such as ``0 O О Ο`` or
    ``1 l I |``, whose smallest member stands for all of them.
    """
    from confusable_homoglyphs import confusables

    parent: dict[str, str] = {}

    def find(char: str) -> str:
        while parent.get(char, char) != char:
            parent[char] = parent.get(parent[char], parent[char])
            char = parent[char]
        return char

    for char, similar in confusables.confusables_data.items():
        for other in similar:
            glyph = other["c"].strip("\u200e")
            if len(char) == 1 and len(glyph) == 1:
                first, second = find(char), find(glyph)
                if first != second:
                    parent[max(first, second)] = min(first, second)
    return {char: find(char) for char in parent}


#: the classes of :func:`_prototypes` restricted to ASCII (a class's smallest member
#: is ASCII whenever it holds one), so ASCII text needs no table; a test keeps it equal
ASCII_PROTOTYPES = {"O": "0", "I": "1", "l": "1", "|": "1", "`": "'"}
_ASCII_TABLE = str.maketrans(ASCII_PROTOTYPES)


def skeleton(text: str) -> str:
    """What *text* looks like: NFKC, invisible characters dropped, look-alikes merged.

    Two strings with equal skeletons but different code points are a
    homoglyph collision.
    """
    if text.isascii():
        return text.translate(_ASCII_TABLE)
    prototypes = _prototypes()
    folded = unicodedata.normalize("NFKC", text)
    return "".join(prototypes.get(c, c) for c in folded if c not in INVISIBLE)


def shown(value: object, limit: int = 80) -> str:
    """*value* quoted for a message, with every unsafe or invisible character escaped.

    Messages end up in terminals, CI logs and JSON reports; a contributor's
    string must not reorder or hide the text of the message around it.
    """
    if not isinstance(value, str):
        return shown(repr(value), limit)[1:-1]
    text = value
    if len(text) > limit:
        text = text[:limit] + "…"
    out = []
    for char in text:
        if _problem(char, multiline=False, invisible=True) is None and char not in "\\'":
            out.append(char)
        elif char in "\\'":
            out.append("\\" + char)
        elif ord(char) <= 0xFF:
            out.append(f"\\x{ord(char):02x}")
        else:
            out.append(f"\\u{ord(char):04x}")
    return "'" + "".join(out) + "'"
