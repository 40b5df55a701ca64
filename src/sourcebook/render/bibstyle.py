"""A pybtex formatting style that never fails on a missing field.

The bibliography deliberately leaves out every field that could not be
established (no invented publishers), while pybtex's standard styles demand
fields such as ``publisher`` for a book.  This style uses the standard
layout when an entry has what it needs and a plain, complete fallback
otherwise, so honest entries still render.
"""

from __future__ import annotations

from typing import Any

from pybtex.richtext import Text
from pybtex.scanner import PybtexSyntaxError
from pybtex.style import FormattedEntry
from pybtex.style.formatting.unsrt import Style as UnsrtStyle
from pybtex.style.template import FieldIsMissing, field, optional, sentence, words

from sourcebook.bib.datamodel import bibtex_view


class SourcebookStyle(UnsrtStyle):  # type: ignore[misc]
    def format_entry(self, label: str, entry: Any, bib_data: Any = None) -> FormattedEntry:
        entry = bibtex_view(entry)  # biblatex types/fields -> BibTeX; unknown types -> misc
        try:
            # a type the standard style has no template for (``@video``) gets the fallback
            if hasattr(self, f"get_{entry.type.lower()}_template"):
                try:
                    return super().format_entry(label, entry, bib_data=bib_data)
                except FieldIsMissing:
                    pass
            return FormattedEntry(entry.key, self._fallback(entry), label)
        except PybtexSyntaxError:
            # a field pybtex cannot read as LaTeX (``{%}``) is the checker's SB704, which
            # stops the build; should it be reached anyway, the key stands as plain text
            return FormattedEntry(entry.key, Text(entry.key), label)

    def _fallback(self, entry: Any) -> Text:
        people = "author" if entry.persons.get("author") else "editor"
        template = sentence(sep=". ")[
            optional[self.format_names(people)],
            self.format_title(entry, "title"),
            optional[field("chapter")],
            optional[words[field("howpublished")]],
            optional[field("publisher")],
            optional[field("journal")],
            optional[field("year")],
            optional[self.format_url(entry)],
            optional[field("note")],
        ]
        return template.format_data({"entry": entry, "style": self, "bib_data": None})
