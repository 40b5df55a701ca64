"""Infobox runs glued by extraction: ``LeaderJane Doe Founded1987 Split fromXYZ``.

An infobox's labels and values lose their cell borders in a text extract and
run together on one line.  Where the labels are ones the vocabulary knows
(``parse/layout.toml``), the run is split into ``(label, value)`` rows and
becomes an infobox table; a run whose labels are unknown is one furniture
block (never prose, never headings).

:func:`read_run` adds the weaker evidence, each use of it reported (SB608):

* a known label glued to a lower-case value (``Ideologysocialism``) is split
  unless the rest is a word ending (``Origins``, ``Leadership``), taken from
  the vocabulary; a value that reads as a web address (``Websiteexample.org``)
  is sure evidence and not reported;
* a Capitalised label the vocabulary does not know, glued to a capital or a
  digit after a space (``2004 ChairJane Doe``), starts a new row: in a run
  with known labels, and in a run with none where such pairs start the line
  and follow one another.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from sourcebook.model import Claim, Table, TableRow
from sourcebook.parse.blocks import RawBlock, runs_without, sub_block
from sourcebook.parse.inline import InlineRules, Piece, finish_paragraph
from sourcebook.parse.state import ParseState
from sourcebook.parse.vocabulary import Vocabulary, vocabulary

#: a lower-case letter or digit glued to a capital, or a letter glued to a digit
_GLUE = re.compile(r"[a-z][A-Z]|[a-z]\d|\d[A-Z]")
#: glue points that make a line an infobox run rather than a name like "McDonald"
_MIN_GLUE = 3
_MIN_LABELS = 2


def glued_run(text: str) -> bool:
    """Several glue points and no sentence in sight.

    >>> glued_run("LeaderJane Doe Founded1987 Split fromXYZ")
    True
    >>> glued_run("McDonald met the iPhone team in 1987. It went well.")
    False
    >>> glued_run("McDonald and the YouTube crew filmed the iPhone launch in 2010 and 2011.[1]")
    False
    """
    if ". " in text or text.endswith("."):
        return False
    glue = len(_GLUE.findall(text, 0, 2000))
    # an infobox run is glued nearly everywhere; prose with a few names like
    # "McDonald" or "iPhone" has one glue point in many words
    return glue >= _MIN_GLUE and glue * 3 >= len(text.split(maxsplit=200))


@functools.cache
def _labels_pattern(labels: tuple[str, ...]) -> re.Pattern[str]:
    # longest first, so "Founders" is not read as "Founder" + "s..."
    names = "|".join(re.escape(label) for label in sorted(labels, key=len, reverse=True))
    # a label starts the text, follows a space or is glued to the previous value,
    # and is itself glued to its value (a capital, a digit, a quotation mark)
    return re.compile(rf"(?:^|(?<=[\s\w)\]]))({names})(?=[A-Z0-9“\"'(])")


def split_fields(text: str, labels: tuple[str, ...]) -> list[tuple[str, str]]:
    """``(label, value)`` rows of a glued run, or ``[]`` if fewer than two labels are known.

    >>> labels = ("Leader", "Founded", "Split from")
    >>> split_fields("LeaderJane Doe Founded1987 Split fromXYZ", labels)
    [('Leader', 'Jane Doe'), ('Founded', '1987'), ('Split from', 'XYZ')]
    >>> split_fields("The Party LeaderAnn Lee", ("Leader",))
    []
    """
    found = list(_labels_pattern(labels).finditer(text))
    if len(found) < _MIN_LABELS:
        return []
    rows: list[tuple[str, str]] = []
    lead = text[: found[0].start()].strip()
    if lead:
        rows.append((lead, ""))
    for match, following in zip(found, [*found[1:], None], strict=True):
        end = following.start() if following is not None else len(text)
        rows.append((match.group(1), text[match.end() : end].strip()))
    return rows


#: a value that reads as a web address, glued to its label
_ADDRESS = re.compile(
    r"(?:https?://|www\.)\S{1,200}|[a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63}){1,6}(?:/\S{0,200})?"
)
#: an unknown label: Capitalised, up to two more lower-case words, after a space (or
#: at the start) and glued to a capital, a digit or a quotation mark
_UNKNOWN = re.compile(r"(?:^|(?<=\s))([A-Z][a-z]+(?: [a-z]+){0,2})(?=[A-Z0-9“\"(])")
#: shorter capitalised words glued to a capital are names ("MacDonald", "PlayStation")
_MIN_UNKNOWN = 5


@dataclass(slots=True)
class Run:
    """A glued run read as ``(label, value)`` rows, with what was guessed."""

    rows: list[tuple[str, str]] = field(default_factory=list)
    #: each guess, for its SB608 diagnostic
    guesses: list[str] = field(default_factory=list)
    #: how many labels the vocabulary knows
    known: int = 0


@functools.cache
def _lower_pattern(labels: tuple[str, ...]) -> re.Pattern[str]:
    names = "|".join(re.escape(label) for label in sorted(labels, key=len, reverse=True))
    return re.compile(rf"(?:^|(?<=\s))({names})(?=[a-z])")


def _known(
    text: str, labels: tuple[str, ...], endings: frozenset[str], run: Run
) -> list[tuple[int, int, str]]:
    """``(start, end, label)`` of the known labels in *text*, left to right."""
    found = {
        m.start(): (m.start(), m.end(), m.group(1)) for m in _labels_pattern(labels).finditer(text)
    }
    for match in _lower_pattern(labels).finditer(text):
        if match.start() in found:
            continue
        rest = text[match.end() :].split(maxsplit=1)[0]
        if _ADDRESS.fullmatch(rest.rstrip(".,;")):
            found[match.start()] = (match.start(), match.end(), match.group(1))
            continue
        word = re.match(r"[a-z]+", rest)
        if word is None or word.group(0) in endings:
            continue  # "Origins", "Leadership": one word, not a label and a value
        found[match.start()] = (match.start(), match.end(), match.group(1))
        run.guesses.append(f"{match.group(1)!r} glued to the lower-case {rest[:20]!r}")
    spans: list[tuple[int, int, str]] = []
    for start, end, label in sorted(found.values()):
        if not spans or start >= spans[-1][1]:
            spans.append((start, end, label))
    return spans


def _unknown(text: str) -> list[tuple[int, int, str]]:
    return [
        (m.start(), m.end(), m.group(1))
        for m in _UNKNOWN.finditer(text)
        if len(m.group(1)) >= _MIN_UNKNOWN
    ]


def _rows(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = []
    lead = text[: spans[0][0]].strip()
    if lead:
        rows.append((lead, ""))
    for (_, end, label), following in zip(spans, [*spans[1:], None], strict=True):
        stop = following[0] if following is not None else len(text)
        rows.append((label, text[end:stop].strip()))
    return rows


def read_run(text: str, labels: tuple[str, ...], endings: frozenset[str]) -> Run | None:
    """The rows of a glued run, by known labels and then by weaker evidence; ``None``
    when neither finds two labels.

    >>> labels, endings = ("Founded", "Website", "Origin"), frozenset({"s"})
    >>> read_run("Founded2004 ChairJane Doe Websitetenants.example", labels, endings)
    Run(rows=[('Founded', '2004'), ('Chair', 'Jane Doe'), ('Website', 'tenants.example')], \
guesses=["labels not in the vocabulary: 'Chair'"], known=2)
    >>> read_run("Founded2004 Origins of the club", labels, endings) is None
    True
    """
    run = Run()
    known = _known(text, labels, endings, run)
    run.known = len(known)
    if len(known) < _MIN_LABELS:
        spans = sorted({*known, *_unknown(text)})
        if len(spans) < _MIN_LABELS or spans[0][0] != 0:
            return None
    else:
        spans = list(known)
        for (_, end, _), following in zip(known, [*known[1:], None], strict=True):
            stop = following[0] if following is not None else len(text)
            spans += [
                (end + s, end + e, label) for s, e, label in _unknown(text[end:stop]) if s > 0
            ]
        spans.sort()
    unknown = [repr(label) for _, _, label in spans if label not in labels]
    if unknown:
        run.guesses.append("labels not in the vocabulary: " + ", ".join(unknown))
    run.rows = _rows(text, spans)
    return run


def fields_table(
    state: ParseState, line: int, fields: list[tuple[str, str]], rules: InlineRules
) -> Table:
    """The infobox table of a split run; a marker in a value supports its row (the
    claim's text is the row, as for a flattened table)."""
    rows: list[TableRow] = []
    for label, value in fields:
        pieces = [state.pieces(text, line, rules) for text in (label, value)]
        context = " | ".join(_plain(p) for p in pieces)
        claims: list[Claim] = state.claims
        cells = tuple(finish_paragraph(p, line, claims, state.ids, context=context) for p in pieces)
        rows.append(TableRow(cells, line))
    return Table(tuple(rows), line, "infobox")


def _plain(pieces: list[Piece]) -> str:
    return "".join(p for p in pieces if isinstance(p, str)).strip()


#: a label glued to its value: a letter or a closing bracket, then a capital or a digit
_ROW_GLUE = re.compile(r"[a-z)\]](?=[A-Z0-9“\"])")
#: an infobox printed one row a line: at least this many lines, this share of them glued
STACKED_LINES = 3
STACKED_SHARE = 0.6
_ROW_WORDS = 15
_LABEL_WORDS = 4
_LABEL_WORD_LETTERS = 4


def _row(line: str) -> tuple[str, str] | None:
    """``(label, value)`` of one glued infobox row ("Initial releaseMarch 3, 2004").

    >>> _row("Developer(s)Quillstone Trust"), _row("A sentence, not a row")
    (('Developer(s)', 'Quillstone Trust'), None)
    >>> _row("Ann McDonald"), _row("TypeWiki engine")
    (None, ('Type', 'Wiki engine'))
    """
    if not line[:1].isupper():
        return None
    for glue in _ROW_GLUE.finditer(line, 0, 60):
        label = line[: glue.end()]
        if len(label.split()) > _LABEL_WORDS:
            return None
        # the glued word is a label's last word ("release", "Type"), not a name's
        # prefix ("McDonald", "DeWitt", "MacLeod")
        if len(label.split()[-1]) >= _LABEL_WORD_LETTERS:
            return label, line[glue.end() :]
    return None


def stacked_rows(
    lines: tuple[str, ...], labels: tuple[str, ...] = ()
) -> tuple[list[tuple[str, str]], float] | None:
    """An infobox extracted one row a line (each label glued to its value, or a known
    label then a space, as a PDF export prints it): its rows (a line with neither is a
    label alone) and the share of such lines; ``None`` when the lines are too few, too
    few of them rows, or one is a sentence.

    >>> stacked_rows(("Carries A road", "Crosses River Ash", "Opened 1874"), ("Carries", "Crosses"))
    ([('Carries', 'A road'), ('Crosses', 'River Ash'), ('Opened 1874', '')], 0.67)
    """
    if len(lines) < STACKED_LINES or any(
        len(line.split()) > _ROW_WORDS or line.endswith(".") or ". " in line for line in lines
    ):
        return None
    rows = [_row(line) or _spaced_row(line, labels) for line in lines]
    share = round(sum(r is not None for r in rows) / len(lines), 2)
    if share < STACKED_SHARE:
        return None
    return [r if r is not None else (line, "") for r, line in zip(rows, lines, strict=True)], share


def _spaced_row(line: str, labels: tuple[str, ...]) -> tuple[str, str] | None:
    """``(label, value)`` of a row whose known label is followed by a space and a value
    opening with a capital or a digit ("Crosses River Ash", "Total length 412 m")."""
    for label in labels:
        rest = line[len(label) + 1 :]
        if line.startswith(f"{label} ") and (rest[:1].isupper() or rest[:1].isdigit()):
            return label, rest
    return None


def isolate_glued(block: RawBlock) -> list[RawBlock]:
    """A glued infobox run printed below another line (a repeated title, a caption)
    stands as a block of its own, so the infobox rule reads it alone."""
    if block.single_line:
        return [block]
    vocab = vocabulary()
    glued = {
        offset
        for offset, line in enumerate(block.lines)
        if glued_run(line) or known_labels(line, vocab) >= 2
    }
    if not glued:
        return [block]
    parts = runs_without(block, glued) + [sub_block(block, o, o + 1) for o in glued]
    return sorted(parts, key=lambda part: part.line)


def known_labels(text: str, vocab: Vocabulary) -> int:
    run = read_run(text, vocab.infobox_labels, vocab.infobox_endings)
    return 0 if run is None else run.known


__all__ = [
    "Run",
    "fields_table",
    "glued_run",
    "isolate_glued",
    "known_labels",
    "read_run",
    "split_fields",
    "stacked_rows",
]
