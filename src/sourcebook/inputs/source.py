"""Read a seed file's bytes into text, or explain why it cannot be read.

Seeds arrive by pull request, so the reader refuses anything that is not
plain UTF-8 text with LF line ends instead of guessing: a wrong guess would
silently change the bytes the manifest's sha256 vouches for.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from sourcebook.core.diagnostics import Code, Diagnostic
from sourcebook.inputs.hygiene import unsafe_character, unsafe_pattern
from sourcebook.inputs.paths import SEED_MAX_BYTES, PathProblem, read_confined, read_limited

#: control characters that never occur in a text extract (tab, LF allowed); one
#: compiled search finds the first in C instead of a Python loop per character
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f]")


@dataclass(frozen=True, slots=True)
class SourceText:
    path: str
    text: str
    sha256: str


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def decode_seed(path: str, data: bytes) -> tuple[SourceText | None, list[Diagnostic]]:
    """Validate and decode *data*; return the text or the reasons it is refused.

    The bytes rules (:func:`decode_text`) and not empty refuse the file.  An
    unsafe character (C1, bidi control, line separator) is an error at its
    place, one per line, but the text is still returned: the check fails and
    the build is refused, while the rest of the document is still checked.

    >>> source, diags = decode_seed("x.txt", "Title\\n\\nA \u202eB.\\n".encode())
    >>> source is not None, [(d.code.id, d.line, d.col) for d in diags]
    (True, [('SB213', 3, 3)])
    """
    source, problems = decode_text(path, data)
    if source is None:
        return None, problems
    if not source.text.strip():
        return None, [Diagnostic(path, 1, 1, Code.EMPTY_FILE, "file is empty")]
    return source, unsafe_characters(path, source.text)


def decode_text(path: str, data: bytes) -> tuple[SourceText | None, list[Diagnostic]]:
    """UTF-8 without a byte-order mark, LF line ends, no NUL or other C0 control but tab.

    >>> decode_text("x.txt", b"Title\\n\\nBody.\\n")[0].text
    'Title\\n\\nBody.\\n'
    >>> [d.code.id for d in decode_text("x.txt", b"a\\r\\nb")[1]]
    ['SB104']
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return None, [
            Diagnostic(
                path,
                1,
                1,
                Code.BOM,
                "file starts with a UTF-8 byte-order mark; save it without BOM",
            )
        ]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, [
            Diagnostic(
                path,
                line,
                col,
                Code.NOT_UTF8,
                f"not UTF-8: byte 0x{data[exc.start]:02x} cannot be decoded",
            )
        ]
    if "\r" in text:
        line = text[: text.index("\r")].count("\n") + 1
        return None, [
            Diagnostic(path, line, 1, Code.CRLF, "CR or CRLF line ends; convert the file to LF")
        ]
    control = _CONTROL.search(text)
    if control is not None:
        index = control.start()
        line = text.count("\n", 0, index) + 1
        col = index - (text.rfind("\n", 0, index) + 1) + 1
        return None, [
            Diagnostic(
                path,
                line,
                col,
                Code.BINARY,
                f"control character U+{ord(text[index]):04X}: not a text file",
            )
        ]
    return SourceText(path, text, sha256_of(data)), []


def unsafe_characters(path: str, text: str) -> list[Diagnostic]:
    """C1 controls, DEL, bidirectional controls and line separators in *text*: one per line.

    The same characters every contributor file refuses (:mod:`sourcebook.inputs.hygiene`);
    zero-width joiners stay allowed in text extracts (scripts need them).
    """
    pattern = unsafe_pattern(multiline=True, invisible=False)
    found: list[Diagnostic] = []
    line, counted = 1, 0
    hit = pattern.search(text)
    while hit is not None:
        index = hit.start()
        line += text.count("\n", counted, index)
        counted = index
        line_start = text.rfind("\n", 0, index) + 1
        what = unsafe_character(hit.group(), multiline=True, invisible=False)
        message = f"{what[1] if what else 'unsafe character'}: it can hide or reorder text"
        found.append(Diagnostic(path, line, index - line_start + 1, Code.UNSAFE_CHARACTER, message))
        next_line = text.find("\n", index)
        if next_line < 0:
            break
        hit = pattern.search(text, next_line + 1)  # one per line: the rest say nothing new
    return found


def read_seed(
    path: Path, display: str | None = None, *, within: Path | None = None
) -> tuple[SourceText | None, list[Diagnostic]]:
    """Read and decode the seed at *path*: a regular file of at most ``SEED_MAX_BYTES``.

    With *within*, *path* must also resolve inside that directory (the
    manifest's seeds); a path that leaves it is refused unread.
    """
    name = display or str(path)
    if within is not None:
        data = read_confined(within, path.relative_to(within).as_posix(), SEED_MAX_BYTES)
    else:
        data = read_limited(path, SEED_MAX_BYTES)
    if isinstance(data, PathProblem):
        return None, [Diagnostic(name, 1, 1, data.code, f"cannot read seed: {data.message}")]
    return decode_seed(name, data)
