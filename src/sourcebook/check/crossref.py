"""What an entry inherits from the entries its ``crossref`` and ``xdata`` fields name.

The bibliography check judges an entry with what its parents give it, as
BibTeX and biblatex print it: a chapter's ``booktitle`` is its book's title.
"""

from __future__ import annotations

from sourcebook.corpus.bibliography import Bibliography, Source


def inherited(source: Source, bib: Bibliography) -> Source:
    """*source* with the fields its ``crossref`` and ``xdata`` parents supply.

    A child's ``booktitle`` comes from its parent's ``title`` (BibTeX and
    biblatex both do this); one level deep, which is what BibTeX does too.
    """
    parents = [source.get("crossref"), *(source.get("xdata") or "").split(",")]
    fields = dict(source.fields)
    persons = dict(source.persons)
    for name in filter(None, (p.strip() for p in parents if p)):
        parent = bib.find(name)
        if parent is None:
            continue
        for key, value in parent.fields.items():
            fields.setdefault(key, value)
        if "title" in parent.fields:
            fields.setdefault("booktitle", parent.fields["title"])
        for role, names in parent.persons.items():
            persons.setdefault(role, names)
    if fields == source.fields and persons == source.persons:
        return source
    return Source(source.key, source.type, fields, persons, source.line, source.col)
