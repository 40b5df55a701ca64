"""Comment-header templates: how a contributor describes a thread's header lines.

A structure hint's ``comment_header`` is untrusted input, so it is not a
regular expression (a hostile pattern could backtrack for hours).  It is a
template: literal text with placeholders ::

    {name} said...
    {name} on {date} at {time}

``{name}`` is one to six capitalised words (the comment's author),
``{date}`` a date of up to 40 characters holding a digit, ``{time}`` a clock
time (``10:14 AM``), ``{any}`` any text.  Two placeholders must be separated
by literal text.  Matching is one left-to-right scan with ``str.find``: each
placeholder extends to the first occurrence of the literal after it whose
text passes the placeholder's own small pattern (at most 20 occurrences are
tried; the template's final literal must end the line).  Earlier values are
never revisited, so a line is matched in time linear in its length whatever
the template says: no backtracking across placeholders, no user-built regex.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

MAX_TEMPLATE = 120
MAX_PLACEHOLDERS = 6
#: lines longer than this are never comment headers
MAX_LINE = 300
#: occurrences of a literal tried for the value before it
MAX_TRIES = 20

_PLACEHOLDER = re.compile(r"\{([a-z]{1,10})\}")
_CHECKS = {
    "name": re.compile(
        r"(?:(?:Dr|Prof|Rev|Sir|Mr|Ms|Mrs)\.? )?[^\W\d_][\w’'.-]{0,40}"
        r"(?: [^\W\d_][\w’'.-]{0,40}){0,5}"
    ),
    "date": re.compile(r"[\w,./ -]{0,39}\d[\w,./ -]{0,39}"),
    "time": re.compile(r"\d{1,2}[:.]\d{2}(?:\s?[AaPp]\.?[Mm]\.?)?"),
    "any": re.compile(r".{0,200}"),
}


class TemplateError(ValueError):
    """A template that breaks the syntax above."""


@dataclass(frozen=True, slots=True)
class HeaderTemplate:
    """A compiled template: literal parts and placeholder names, alternating."""

    source: str
    #: ``parts[0]`` literal, then (placeholder, literal) pairs
    parts: tuple[str, ...]

    def match(self, line: str) -> dict[str, str] | None:
        """The placeholders' values if *line* (stripped) is a header, else ``None``.

        >>> t = compile_template("{name} on {date} at {time}")
        >>> t.match("Jo Ames on 3 May 2011 at 10:14 AM")
        {'name': 'Jo Ames', 'date': '3 May 2011', 'time': '10:14 AM'}
        >>> t.match("The council met on 3 May at noon") is None
        True
        >>> compile_template("{name} said...").match("Ann Lee said...")
        {'name': 'Ann Lee'}
        >>> compile_template("{name} wrote at {time}:").match("Pat Shaw wrote at 10:15:")
        {'name': 'Pat Shaw', 'time': '10:15'}
        """
        text = line.strip()
        if len(text) > MAX_LINE or not text.startswith(self.parts[0]):
            return None
        at = len(self.parts[0])
        values: dict[str, str] = {}
        for index in range(1, len(self.parts), 2):
            name, literal = self.parts[index], self.parts[index + 1]
            last = index + 2 >= len(self.parts)
            end = _value_end(text, at, literal, _CHECKS[name], last=last)
            if end is None:
                return None
            values.setdefault(name, text[at:end])
            at = end + len(literal)
        return values if at == len(text) else None


def _value_end(
    text: str, at: int, literal: str, check: re.Pattern[str], *, last: bool
) -> int | None:
    """Where a placeholder's value starting at *at* ends: before the template's final
    literal at the end of the line, or before the first of at most ``MAX_TRIES``
    occurrences of a middle literal whose value passes *check*.  Earlier values are
    never revisited, so a line costs O(MAX_TRIES x its length) whatever the template."""
    if last:
        end = len(text) - len(literal)
        ok = end >= at and text.endswith(literal) and check.fullmatch(text, at, end)
        return end if ok else None
    end = text.find(literal, at)
    for _ in range(MAX_TRIES):
        if end < 0:
            return None
        if check.fullmatch(text, at, end):
            return end
        end = text.find(literal, end + 1)
    return None


def compile_template(source: str) -> HeaderTemplate:
    """Check *source* against the syntax and split it into parts.

    >>> compile_template("{name} said...").parts
    ('', 'name', ' said...')
    >>> compile_template("{name}{date}")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    sourcebook.inputs.headertemplate.TemplateError: {name} and {date} must be separated ...
    """
    problem = template_problem(source)
    if problem:
        raise TemplateError(problem)
    parts: list[str] = []
    at = 0
    for match in _PLACEHOLDER.finditer(source):
        parts += [source[at : match.start()], match.group(1)]
        at = match.end()
    parts.append(source[at:])
    return HeaderTemplate(source, tuple(parts))


def template_problem(source: str) -> str | None:
    """What is wrong with template *source*, or ``None``.

    >>> template_problem("{who} said")
    'unknown placeholder {who}; use one of {name}, {date}, {time}, {any}'
    >>> template_problem("said...")
    'a comment-header template needs at least one placeholder ({name}, {date}, {time}, {any})'
    """
    if len(source) > MAX_TEMPLATE or "\n" in source:
        return f"a comment-header template is one line of at most {MAX_TEMPLATE} characters"
    found = list(_PLACEHOLDER.finditer(source))
    if not found:
        return (
            "a comment-header template needs at least one placeholder"
            " ({name}, {date}, {time}, {any})"
        )
    if len(found) > MAX_PLACEHOLDERS:
        return f"at most {MAX_PLACEHOLDERS} placeholders"
    for match in found:
        if match.group(1) not in _CHECKS:
            known = ", ".join(f"{{{name}}}" for name in _CHECKS)
            return f"unknown placeholder {{{match.group(1)}}}; use one of {known}"
    for before, after in itertools.pairwise(found):
        if before.end() == after.start():
            return f"{before.group(0)} and {after.group(0)} must be separated by literal text"
    stray = _PLACEHOLDER.sub("", source)
    if "{" in stray or "}" in stray:
        return "a brace outside a placeholder: write placeholders as {name}, {date}, {time}, {any}"
    if source.strip() != source or not source:
        return "a comment-header template has no leading or trailing spaces"
    return None


__all__ = ["HeaderTemplate", "TemplateError", "compile_template", "template_problem"]
