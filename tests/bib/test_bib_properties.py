"""Property tests of the bibliography loader: no input crashes it, and blame lands right.

Generated files hold several well-formed entries, one field per line; one
entry is then corrupted in one place.  The syntax error must name that entry
(its line lies inside the entry), and every other entry must still be read.
"""

from __future__ import annotations

import pybtex.errors
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pybtex.database import parse_string

from sourcebook.check.bibfile import check_bib_text
from sourcebook.core.diagnostics import Severity

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
BIBBY = st.text(alphabet='@{}()"=,#%\\ \n\tabkey0123áž`', max_size=300)


@SETTINGS
@given(st.one_of(st.text(max_size=400), BIBBY))
def test_any_text_is_loaded_and_checked_without_raising(text: str) -> None:
    result = check_bib_text(text, "fuzz.bib")
    assert result.entries_read + result.unread == result.entry_heads
    for diag in result.diagnostics:
        assert diag.line >= 1 and diag.col >= 1


WORDS = st.text(alphabet="abcdefghijklmnopqrstuvwxyz ", min_size=1, max_size=20).map(
    lambda s: s.strip() or "x"
)
FIELDS = ("title", "author", "publisher", "note", "howpublished")


@st.composite
def entries(draw: st.DrawFn) -> list[list[str]]:
    """Entries as lists of lines: head, one line per field, closing brace."""
    count = draw(st.integers(min_value=2, max_value=6))
    out = []
    for index in range(count):
        names = draw(st.lists(st.sampled_from(FIELDS), min_size=1, max_size=4, unique=True))
        lines = [f"@misc{{key{index},"]
        for name in names:
            value = draw(WORDS)
            quoted = draw(st.booleans())
            lines.append(f'  {name} = "{value}",' if quoted else f"  {name} = {{{value}}},")
        lines.append("}")
        out.append(lines)
    return out


def _render(items: list[list[str]]) -> tuple[str, list[tuple[int, int]]]:
    """The file text and each entry's (first line, last line)."""
    lines: list[str] = []
    spans = []
    for entry in items:
        start = len(lines) + 1
        lines.extend(entry)
        spans.append((start, len(lines)))
        lines.append("")
    return "\n".join(lines), spans


CORRUPTIONS = ("drop-value-close", "extra-open", "drop-equals", "drop-key", "drop-entry-close")


def _corrupt(entry: list[str], how: str, field: int) -> list[str]:
    out = list(entry)
    line = out[1 + field]
    if how == "drop-value-close":
        out[1 + field] = line.replace("},", ",").replace('",', ",")
    elif how == "extra-open":
        out[1 + field] = line.replace("= {", "= {{").replace('= "', '= "{')
    elif how == "drop-equals":
        out[1 + field] = line.replace(" = ", " ")
    elif how == "drop-key":
        out[0] = "@misc{"
    else:
        out[-1] = ""
    return out


@SETTINGS
@given(entries(), st.sampled_from(CORRUPTIONS), st.data())
def test_one_corruption_is_blamed_on_its_entry_and_the_rest_is_read(
    items: list[list[str]], how: str, data: st.DataObject
) -> None:
    victim = data.draw(st.integers(min_value=0, max_value=len(items) - 1))
    field = data.draw(st.integers(min_value=0, max_value=len(items[victim]) - 3))
    items[victim] = _corrupt(items[victim], how, field)
    # another entry gets a rule violation: it must still be found after the corruption
    other = data.draw(st.sampled_from([i for i in range(len(items)) if i != victim]))
    items[other].insert(1, "  year = {99},")
    text, spans = _render(items)
    result = check_bib_text(text, "c.bib")
    errors = [d for d in result.diagnostics if d.code.id in ("SB301", "SB309")]
    assert len(errors) == 1, [d.format() for d in result.diagnostics]
    first, last = spans[victim]
    assert first <= errors[0].line <= last, (errors[0].format(), spans[victim])
    read = {s.key for s in result.bibliography.entries}
    assert read == {f"key{i}" for i in range(len(items)) if i != victim}
    assert result.unread == 1
    years = [d.line for d in result.diagnostics if d.code.id == "SB305"]
    assert years == [spans[other][0] + 1]


@SETTINGS
@given(entries())
def test_well_formed_entries_are_read_like_pybtex_reads_them(items: list[list[str]]) -> None:
    text, _ = _render(items)
    result = check_bib_text(text, "ok.bib")
    syntax = [d for d in result.diagnostics if d.severity is Severity.ERROR and d.code.id < "SB304"]
    assert syntax == []
    with pybtex.errors.capture() as errors:
        data = parse_string(text, "bibtex")
    assert errors == []
    ours = {s.key: s for s in result.bibliography.entries}
    assert set(ours) == set(data.entries.keys())
    for key, entry in data.entries.items():
        assert ours[key].fields == {k.lower(): v for k, v in entry.fields.items()}


def test_a_run_of_at_signs_is_one_finding_not_one_per_character() -> None:
    """'@' is a name character; the scanner skips a failed name whole (linear, not quadratic)."""
    result = check_bib_text("@" * 50_000 + "\n@misc{k, title = {T}}\n", "at.bib")
    assert [d.code.id for d in result.diagnostics if d.code.id == "SB325"] == ["SB325"]
    assert [s.key for s in result.bibliography.entries] == ["k"]
