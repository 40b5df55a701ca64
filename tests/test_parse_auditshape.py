"""The audits of the page's shape and of joined units (parse/auditshape.py,
parse/auditunits.py) at their thresholds: one line or one word more or less.

The fixtures ``*/shape-*`` and ``*/units-*`` show each check on a whole text.
"""

from __future__ import annotations

from sourcebook.core.diagnostics import Code
from sourcebook.model import Table
from sourcebook.parse import parse
from sourcebook.parse.auditshape import is_chrome, is_running, shape
from sourcebook.parse.auditunits import units

OPENING = "Harbour Ledger\n\nA note on the quay\n\n"
OPENING += "The quay was rebuilt in stone after the storm of 1903, and again in 1961.\n\n"
OPENING += "The harbour master keeps its log in the office by the steps.\n\n"


def _messages(text: str, kind: str = "article") -> list[tuple[int, str]]:
    _, diags = parse(text, kind, "t.txt")  # type: ignore[arg-type]
    return [(d.line, d.message) for d in diags if d.code is Code.STRUCTURE_UNSURE]


def _says(text: str, words: str, kind: str = "article") -> list[int]:
    return [line for line, message in _messages(text, kind) if words in message]


def test_a_running_line_has_so_many_words_and_a_sentence_end() -> None:
    need = shape().running_words
    assert is_running(" ".join(["Word"] * (need - 1) + ["end."]))
    assert not is_running(" ".join(["Word"] * (need - 2) + ["end."]))
    assert not is_running(" ".join(["Word"] * need))


def test_chrome_is_a_fragment_a_label_furniture_or_a_short_dated_line() -> None:
    assert is_chrome("Story Source:") and not is_chrome("The source was a letter: it said so.")
    assert is_chrome("posted on March 3, 2024")
    assert not is_chrome("The ferry sailed on March 3, 2024, after a week in port.")


def _tail(lines: int) -> str:
    return OPENING + "\n".join(f"Link number {n}" for n in range(lines)) + "\n"


def test_a_closing_run_is_reported_from_so_many_chrome_lines() -> None:
    need = shape().tail_chrome_lines
    assert _says(_tail(need), "the body runs on") == [7]
    assert _says(_tail(need - 1), "the body runs on") == []


def test_two_dated_lines_make_a_short_closing_run_a_possible_thread() -> None:
    text = OPENING + "ann-lee replied on Mar 3, 2025\nNice.\nbo-ek replied on Mar 4, 2025\n"
    found = [m for _, m in _messages(text) if "the body runs on" in m]
    assert len(found) == 1 and "a comment thread?" in found[0]


def test_the_body_opening_with_chrome_is_reported_at_its_first_running_line() -> None:
    text = "Harbour Ledger\n\nA note on the quay\n\nNews\n"
    text += "The quay was rebuilt in stone after the storm.\n"
    assert _says(text, "the body opens") == [6]
    led = "Harbour Ledger\n\nA note on the quay\n\nThe quay has:\n\n• a crane\n\n• a bell\n"
    assert _says(led + "\nIt was rebuilt in stone after the storm.\n", "the body opens") == []


def _list(items: int) -> str:
    rows = "\n".join(f"Item number {n} of the list" for n in range(items))
    return OPENING + "You will need:\n" + rows + "\n\nThat is all of it, and it is enough.\n"


def test_a_list_needs_so_many_items_after_a_lead_in() -> None:
    need = units().list_items
    assert _says(_list(need), "a list no rule read") == [10]
    assert _says(_list(need - 1), "a list no rule read") == []


def test_a_question_heading_is_short() -> None:
    limit = units().question_words
    short = " ".join(["Why"] + ["so"] * (limit - 1)) + "?"
    longer = " ".join(["Why"] + ["so"] * limit) + "?"
    body = "\nThe tide was late again, and the boats waited at the wall.\n"
    assert _says(OPENING + short + body, "a short question") == [9]
    assert _says(OPENING + longer + body, "a short question") == []


def test_tab_rows_are_read_as_a_table_from_two_lines() -> None:
    rows = "Day\tBoats\nMonday\t4\nTuesday\t6\n"
    document, _ = parse(OPENING + rows, "article", "t.txt")
    tables = [b for b in document.blocks if isinstance(b, Table)]
    assert [len(t.rows) for t in tables] == [3] and _says(OPENING + rows, "split by tabs") == []
    one = OPENING + "Day\tBoats\n\nMonday was calm all day long.\n"
    document, _ = parse(one, "article", "t.txt")
    assert not any(isinstance(b, Table) for b in document.blocks)
    assert _says(one, "split by tabs") == []
