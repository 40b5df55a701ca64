"""Shared block predicates: what a heading, a date line, an author line or a
quotation looks like in a web extract.  Pure functions, each with doctests
and negative cases; the passes decide where they apply.
"""

from __future__ import annotations

import datetime as dt
import re

from sourcebook.core.text import MONTH_NAMES
from sourcebook.parse.blocks import RawBlock

#: (with the check boxes a recipe card prints before each ingredient: "▢ 200 g oatmeal")
_BULLET = re.compile(r"^[•·▪◦‣▢☐]\s*")
_LETTER_ITEM = re.compile(r"^([a-z])\.\s+")
_FOOTNOTE_DEF = re.compile(
    r"^\[(\d{1,3})\]\s+(\S*https?://\S.*)$"
)  # a reference list line: [n] URL
_COMMENT_START = re.compile(r"^(\d{1,4})\.\s+(.*)$")
_RESPONSES = re.compile(r"^(\d+|One|No) (?:Responses?|Comments?)(?: to .*)?$")
_DATE_LINE = re.compile(
    r"^(January|February|March|April|May|June|July|August|September|October|November|December)"
    r" (\d{1,2}), (\d{4}) at (\d{1,2}):(\d{2}) ?([ap]m)$"
)
_AUTHOR_LINE = re.compile(r"^(?:(?:Dr|Prof|Rev|Sir)\.? )?[A-Z][\w’'.-]*(?: [A-Z][\w’'.-]*){0,3}$")
_BIO = re.compile(r"^((?:[A-Z][\w’'.-]+ ){1,3}[A-Z][\w’'.-]+) is (?:a|an|the)\b")
# A reporting verb before a colon or comma: any past tense ("announced:",
# "replied:", "declared:"), the common irregular ones, or "in X's words:".
_REPORTING = re.compile(
    r"\b(?:[a-z]{2,}ed|wrote|writes|said|says|states|argues|explains|notes|adds|replies"
    r"|told [A-Z][\w’']{0,30}(?: [A-Z][\w’']{0,30})?|put it|words(?: in [^:,]{1,60})?)[:,]$"
)
_REPORTING_TAIL = 80
_WHOLE_QUOTE = re.compile(r"^“.*”(?: \([^()]{1,80}\))?$")
_OUTLET_LINE = re.compile(r"^(?:The )?[A-Z][\w’'&-]*(?: [A-Z][\w’'&-]*){0,3}\.$")
_GLUED_END = re.compile(r"[^\s\d]\d{1,3}$")
#: a sentence's end, or a quotation's after one; a quoted phrase closing a headline
#: ("Rest centre 'full but coping'") does not end a sentence
_HEADING_END = re.compile(r"[.,;:!…)\]]$|[.,;:!?…][”’\"')\]]+$|(?<![\w?])[”’\"']$")
#: a section numbered with a Roman numeral alone ("II.", "IV"): a heading, full stop and all
_ROMAN_SECTION = re.compile(r"(?=[IVX])X{0,3}(?:IX|IV|V?I{0,3})\.?")

_MONTHS = {name: number for number, name in enumerate(MONTH_NAMES, 1)}


def iso_datetime(date_text: str) -> str | None:
    """``September 20, 2016 at 3:30 pm`` -> ``2016-09-20T15:30``.

    >>> iso_datetime("September 21, 2016 at 12:23 pm"), iso_datetime("May 1, 2020 at 12:05 am")
    ('2016-09-21T12:23', '2020-05-01T00:05')
    >>> iso_datetime("yesterday") is None
    True
    """
    match = _DATE_LINE.match(date_text)
    if not match:
        return None
    month, day, year, hour, minute, half = match.groups()
    hour_24 = int(hour) % 12 + (12 if half == "pm" else 0)
    try:
        stamp = dt.datetime(int(year), _MONTHS[month], int(day), hour_24, int(minute))
    except ValueError:
        return None
    return stamp.strftime("%Y-%m-%dT%H:%M")


#: a heading opening with a year or a span of years ("1998 to 2008", "2017 onwards",
#: "1920s", "1914–1918"): a history's sections; a year opening a sentence ("2023 was
#: dry") is no heading
_YEARS = re.compile(
    r"(?:1[5-9]|20)\d{2}s?(?:[–-](?:\d{2}|\d{4})s?)?"
    r"(?:$| (?:to|until|till|through|and|onwards|onward|on|and after)(?: |$))"
)


def is_heading(block: RawBlock) -> bool:
    """A short single line without closing punctuation, starting with a capital or a
    year.

    >>> is_heading(RawBlock(1, ("1998 to 2008",), (), 0, 1))
    True
    >>> is_heading(RawBlock(1, ("2023 was dry",), (), 0, 1))
    False

    >>> is_heading(RawBlock(1, ("Why a Socialist International?",), (), 0, 1))
    True
    >>> is_heading(RawBlock(1, ("It also has links, [29] and more.",), (), 0, 1))
    False
    >>> [is_heading(RawBlock(1, (t,), (), 0, 1)) for t in ("II.", "XIV", "IIII.", "I.e.")]
    [True, True, False, False]
    """
    if not block.single_line:
        return False
    text = block.text
    if _ROMAN_SECTION.fullmatch(text):
        return True
    # at most 11 parts: enough to tell "ten words or fewer" without splitting a long line
    words = text.split(maxsplit=10)
    return (
        1 <= len(words) <= 10
        and (text[0].isupper() or _YEARS.match(text) is not None)
        and not _HEADING_END.search(text)
        and not text.startswith(("•", "“", "‘", "["))
        and not _GLUED_END.search(text)
    )


def after_lead_in(blocks: list[RawBlock], index: int) -> bool:
    """The block before *index* leads in to it ("they stated," / "as follows:"): what
    follows is its quotation or its list, never a heading."""
    return index > 0 and blocks[index - 1].text.endswith((",", ":"))


def heading_count(blocks: list[RawBlock]) -> int:
    """How many blocks read as headings (not the last, not after a lead-in)."""
    return sum(
        1
        for index, block in enumerate(blocks[:-1])
        if is_heading(block) and not after_lead_in(blocks, index)
    )


def is_author_line(text: str) -> bool:
    """A bare name line, as comment authors and essay signatures are printed.

    >>> is_author_line("Dr Paul"), is_author_line("John Rogan")
    (True, True)
    >>> is_author_line("View at Medium.com")
    False
    """
    return bool(_AUTHOR_LINE.match(text)) and not text.endswith(".") and "." not in text.split()[-1]


def is_whole_quote(text: str) -> bool:
    """A paragraph that is one quotation, optionally followed by its source.

    >>> is_whole_quote("“The ideal should not be the secretary …” (What Is To Be Done?)")
    True
    >>> is_whole_quote("“Flood” was the headline, she said.")
    False
    """
    return bool(_WHOLE_QUOTE.match(text)) and text.count("“") >= 1


def introduces_quote(text: str) -> bool:
    """A sentence ending in a reporting verb and a colon or comma.

    >>> introduces_quote("Already in 1971, Hal Draper wrote:")
    True
    >>> introduces_quote("In Vladimir Lenin’s famous words in What is To Be Done:")
    True
    >>> introduces_quote("The minister announced:"), introduces_quote("He replied:")
    (True, True)
    >>> introduces_quote("Fill in your details below or click an icon to log in:")
    False
    >>> introduces_quote("We need the following:")
    False
    """
    # only the end of the text can match: searching a bounded tail keeps a
    # long run of letters from being rescanned at every start position, and
    # text that does not end as the pattern does ("[:,]$") is not searched
    if not text.endswith((":", ",", ":\n", ",\n")):
        return False
    return bool(_REPORTING.search(text[-_REPORTING_TAIL:]))
