"""Reading seeds: bad input is refused with a located, coded diagnostic."""

from __future__ import annotations

import pytest

from sourcebook.inputs.source import decode_seed


@pytest.mark.parametrize(
    ("data", "code", "line"),
    [
        (b"", "SB101", 1),
        (b"  \n\n", "SB101", 1),
        (b"Title\n\nbad \xff byte\n", "SB102", 3),
        (b"Title\n\nnul \x00 here\n", "SB103", 3),
        (b"Title\r\n\r\nBody\r\n", "SB104", 1),
        (b"\xef\xbb\xbfTitle\n", "SB105", 1),
    ],
)
def test_bad_input_is_refused_with_a_location(data: bytes, code: str, line: int) -> None:
    source, diags = decode_seed("seeds/x.txt", data)
    assert source is None
    assert [(d.code.id, d.line) for d in diags] == [(code, line)]
    assert diags[0].format().startswith(f"seeds/x.txt:{line}:")


def test_good_input_keeps_every_byte() -> None:
    data = "Title\n\nCurly “quotes” and\u00a0NBSP.\n".encode()
    source, diags = decode_seed("x.txt", data)
    assert diags == [] and source is not None
    assert source.text.encode() == data
