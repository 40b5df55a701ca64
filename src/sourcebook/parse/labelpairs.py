"""Metadata printed as a label line above its value line, near the top of the page.

Press releases, institutional news and academic news sites print a page's
metadata as pairs of lines: "Published" above "12 September 2025", "From:"
above the department's name, "Author" above the author's name (and the
author's role on the line below it).  No single line carries the evidence: the
label alone is a fragment, the value alone a date or a name.  A label of
``[label_pairs]`` (``layout.toml``) followed directly by a value of the form its
field takes (a date for a date field, a short line with no sentence end for the
others) among the first ``window`` blocks is the field: both lines are removed
as document metadata (a label whose value line the vocabulary already read is
removed with it).  Under an author's name, a short line with no sentence
end (a role: "Senior Lecturer in Soil Science, University of X") is the
author's bio.
"""

from __future__ import annotations

import functools
import itertools
import re
from typing import Any

from sourcebook.model import MetaField
from sourcebook.parse.audithead import head_line
from sourcebook.parse.blocks import RawBlock, explode, without_lines
from sourcebook.parse.state import ParseState
from sourcebook.parse.vocabulary import layout_table

_SENTENCE_END = re.compile(r"[.!?…][\"”’')\]]*$")
#: a value line has at most this many words
_VALUE_WORDS = 12
#: ... or, for a field whose value is a sentence, this many
_SENTENCE_WORDS = 60
_DATE_FIELDS = frozenset({"date", "updated"})
#: a title block printing its values under a blank line holds at least this many labels
_SPACED_PAIRS = 2
#: what the vocabulary's metadata lines are removed as
_METADATA_REMOVALS = frozenset({"document metadata", "post metadata"})


@functools.cache
def _labels() -> dict[str, str]:
    # (a family's labels may stand in a table of their own: ``[label_pairs_more]``)
    labels = {**layout_table("label_pairs")["labels"], **_more().get("labels", {})}
    return {str(k).casefold(): str(v) for k, v in labels.items()}


@functools.cache
def _more() -> dict[str, Any]:
    try:
        return layout_table("label_pairs_more")
    except KeyError:
        return {}


@functools.cache
def _sentence_fields() -> frozenset[str]:
    """Fields whose value is a sentence (a fact check's claim under "Claim:")."""
    return frozenset(_more().get("sentence_fields", ()))


@functools.cache
def _field_kinds() -> dict[str, tuple[str, ...]]:
    """Fields read in some kinds only (``[label_pairs_more] field_kinds``): a fan
    archive's "Summary:" is an essay's; a news page's summary box stays the article's
    header rules'."""
    return {k: tuple(v) for k, v in _more().get("field_kinds", {}).items()}


@functools.cache
def _window() -> int:
    return int(layout_table("label_pairs")["window"])


def _label(text: str) -> str | None:
    return _labels().get(text.rstrip(":").strip().casefold())


def _kind_label(state: ParseState, text: str) -> str | None:
    """The field a label names, when the kind's pages print it as a pair."""
    field = _label(text)
    kind = state.profile.kind
    return field if field is None or kind in _field_kinds().get(field, (kind,)) else None


def _value(field: str, text: str) -> bool:
    if field in _DATE_FIELDS:
        return head_line(text) == "a date"
    words = len(text.split())
    if field in _sentence_fields():  # a sentence of its own: capitalised, ended
        return words <= _SENTENCE_WORDS and text[:1].isupper() and bool(_SENTENCE_END.search(text))
    return 0 < words <= _VALUE_WORDS and not _SENTENCE_END.search(text)


def pair_field(label: str, value: str) -> str | None:
    """The field a label line names when *value*, the line under it, is of its form.

    >>> pair_field("Date", "Sunday, 8 March 2026"), pair_field("Date", "Contact")
    ('date', None)
    """
    field = _label(label)
    return field if field is not None and _value(field, value) else None


def label_pairs(state: ParseState) -> None:
    """Take the label/value pairs near the top (see the module docstring)."""
    top = state.blocks[: _window()]
    lines = explode(top)
    taken: set[int] = set()
    gone = {r.line for r in state.removed if r.reason in _METADATA_REMOVALS}
    spaced = _spaced_values(lines)
    for index, block in enumerate(lines):
        field = _kind_label(state, block.text)
        if field is None or block.line in taken or block.line in state.keep:
            continue
        if block.line + 1 in gone:  # its value already read as a date or a byline
            state.remove(block, "document metadata", f"label_pairs: the {field} label")
            taken.add(block.line)
            continue
        if index + 1 == len(lines):
            continue
        value = lines[index + 1]
        if value.line not in (block.line + 1, *spaced) or value.line in state.keep:
            continue  # the value is printed right under its label
        if not _value(field, value.text):
            continue
        if not any(f.name == field for f in state.metadata):
            state.metadata.append(MetaField(field, value.text, value.line))
        for line in (block, value):
            state.remove(line, "document metadata", f"label_pairs: {field} under its label")
            taken.add(line.line)
        role = lines[index + 2] if index + 2 < len(lines) else None
        if field == "author" and role is not None and _role(state, value, role):
            taken.add(role.line)
    if taken:
        state.metadata.sort(key=lambda f: f.line)
        state.blocks = without_lines(top, taken) + state.blocks[len(top) :]


def _spaced_values(lines: list[RawBlock]) -> set[int]:
    """The value lines a title block prints one blank line under their labels (a static
    site's "Author" / blank / NAME / blank / "Published" / blank / DATE): taken only
    when at least :data:`_SPACED_PAIRS` labels are so printed, since one label line over
    a blank line is as likely a heading over its text."""
    found: set[int] = set()
    for label, value in itertools.pairwise(lines):
        field = _label(label.text)
        spaced = label.single_line and value.blanks_before == 1  # one blank line (unit_gaps)
        if field is not None and spaced and _value(field, value.text):
            found.add(value.line)
    return found if len(found) >= _SPACED_PAIRS else set()


def _role(state: ParseState, name: RawBlock, role: RawBlock) -> bool:
    """A short line with no sentence end right under the author's name: the bio."""
    if role.line != name.line + 1 or role.line in state.keep:
        return False
    if head_line(role.text) == "a date":  # the byline's date under the name
        if not any(f.name == "date" for f in state.metadata):
            state.metadata.append(MetaField("date", role.text, role.line))
        state.remove(role, "document metadata", "label_pairs: the date under the author's name")
        return True
    if not _value("bio", role.text) or _label(role.text) is not None or state.bio is not None:
        return False
    state.bio = role.text
    state.remove(role, "bio", "label_pairs: the role under the author's name")
    return True


__all__ = ["label_pairs", "pair_field"]
