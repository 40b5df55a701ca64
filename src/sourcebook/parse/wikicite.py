"""A wikitext template's parts, and a citation template as a note's plain text.

``{{cite book |last=Osgood |first=Martha |title=Tracks |year=1958 |page=14}}`` inside
a ``<ref>`` is what a raw-wikitext page prints for a reference; the reader's note
shows it as MediaWiki's citation templates render it, in a plain form: authors,
title, the work, the publisher, the date, the pages.  Anything else in a ``<ref>``
(free text with links and emphasis) is its text with the markup dropped.
"""

from __future__ import annotations

import re

from sourcebook.core.text import MONTH_NAMES

_LINK = re.compile(r"\[\[(?:[^\[\]|]*\|)?([^\[\]]*)\]\]")
_EXTERNAL = re.compile(r"\[(?:https?:)?//[^\s\]]+ ?([^\]]*)\]")
_EMPHASIS = re.compile(r"'{2,5}")


def _split(inner: str) -> list[str]:
    """*inner* split at the ``|`` that stand outside nested ``{{ }}`` and ``[[ ]]``.

    >>> _split("cite web |title=[[A|B]] |url={{x|y}}")
    ['cite web ', 'title=[[A|B]] ', 'url={{x|y}}']
    """
    parts, depth, start = [], 0, 0
    for index, char in enumerate(inner):
        pair = inner[index : index + 2]
        if pair in ("{{", "[["):
            depth += 1
        elif pair in ("}}", "]]"):
            depth -= 1
        elif char == "|" and depth <= 0:
            parts.append(inner[start:index])
            start = index + 1
    parts.append(inner[start:])
    return parts


def template_parts(text: str) -> tuple[str, list[tuple[str, str]]]:
    """The name of the template *text* and its named parameters, in order.

    >>> template_parts("{{Infobox road\\n| name = Salt roads\\n| length_mi = about 60\\n}}")
    ('Infobox road', [('name', 'Salt roads'), ('length_mi', 'about 60')])
    >>> template_parts("{{reflist}}")
    ('reflist', [])
    """
    inner = text.strip()
    inner = inner[2:] if inner.startswith("{{") else inner
    inner = inner[:-2] if inner.endswith("}}") else inner
    name, *rest = _split(inner)
    params: list[tuple[str, str]] = []
    for part in rest:
        key, sep, value = part.partition("=")
        if sep:
            params.append((key.strip(), " ".join(value.split())))
    return " ".join(name.split()), params


def plain(text: str) -> str:
    """Wikitext as plain text: links as their text, no emphasis.

    >>> plain("The [[Lanner Press|Lanner]] ''Echo''")
    'The Lanner Echo'
    """
    text = _LINK.sub(r"\1", text)
    text = _EXTERNAL.sub(r"\1", text)
    return " ".join(_EMPHASIS.sub("", text).split())


def value_template(name: str, args: list[str], dates: frozenset[str]) -> str | None:
    """A template that prints a value, as the page shows it, else ``None``: a date
    template (*dates*: "start date", "birth date" …) with its year, month and day, or
    ``convert`` with its number and unit.

    >>> value_template("start date", ["1904", "3", "9"], frozenset({"start date"}))
    '9 March 1904'
    >>> value_template("convert", ["3", "km", "mi"], frozenset())
    '3 km'
    >>> value_template("lang", ["fr", "oui"], frozenset()) is None
    True
    """
    key = name.strip().lower()
    numbers = [a.strip() for a in args if a.strip().isdigit()]
    if key in dates and numbers:
        year, *rest = numbers
        month = MONTH_NAMES[int(rest[0]) - 1] if rest and 1 <= int(rest[0]) <= 12 else ""
        day = str(int(rest[1])) if len(rest) > 1 and month else ""
        return " ".join(p for p in (day, month, year) if p)
    if key in ("convert", "cvt") and len(args) >= 2:
        return f"{args[0].strip()} {args[1].strip()}"
    return None


#: the parameters of a citation template, in the order a note prints them
_ORDER = ("title", "work", "newspaper", "journal", "website", "publisher")


def cite_text(body: str) -> str:
    """A ``<ref>``'s body as a note's text.

    >>> cite_text("{{cite book |last=Osgood |first=Martha |title=Tracks |year=1958 |page=14}}")
    'Osgood, Martha. Tracks. 1958. p. 14'
    >>> cite_text("{{cite news |title=Causeway relaid |work=Lanner Echo |date=4 October 2011}}")
    'Causeway relaid. Lanner Echo. 4 October 2011'
    >>> cite_text("Osgood 1958, p. 102.")
    'Osgood 1958, p. 102.'
    """
    stripped = body.strip()
    if not (stripped.startswith("{{") and stripped.endswith("}}")):
        return plain(stripped)
    _, params = template_parts(stripped)
    fields = {k.lower(): plain(v) for k, v in params if v.strip()}
    if not fields:
        return plain(stripped)
    parts: list[str] = []
    author = fields.get("author") or ", ".join(
        f for f in (fields.get("last"), fields.get("first")) if f
    )
    if author:
        parts.append(author)
    parts += [fields[k] for k in _ORDER if k in fields]
    if "volume" in fields:
        parts.append(f"vol. {fields['volume']}")
    date = fields.get("date") or fields.get("year")
    if date:
        parts.append(date)
    if "pages" in fields:
        parts.append(f"pp. {fields['pages']}")
    elif "page" in fields:
        parts.append(f"p. {fields['page']}")
    if "url" in fields:
        parts.append(fields["url"])
    # (no closing full stop: the note's renderer closes the sentence)
    return " ".join(p if p.endswith(".") else p + "." for p in parts).removesuffix(".")


__all__ = ["cite_text", "plain", "template_parts", "value_template"]
