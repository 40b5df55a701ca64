"""The top of a document's page: title, site line, byline, metadata, bio, provenance box.

What the reader sees before the text is made from the manifest entry and
what the normaliser found around the text, never from the text's own
markup; every value goes through :func:`~sourcebook.render.escape.escape`
(or :func:`~sourcebook.render.escape.one_line`, :func:`~sourcebook.render.escape.link`).
:mod:`sourcebook.render.myst` renders the rest of the page.
"""

from __future__ import annotations

import datetime as dt

from sourcebook.corpus.load import CorpusDocument
from sourcebook.corpus.manifest import DocumentEntry
from sourcebook.model import Document
from sourcebook.render.escape import code, escape, link, one_line


def human_date(iso: str) -> str:
    """``2016-09-20`` -> ``20 September 2016``; partial dates stay as given.

    >>> human_date("2019-10-22"), human_date("2009")
    ('22 October 2019', '2009')
    """
    try:
        return dt.date.fromisoformat(iso).strftime("%-d %B %Y")
    except ValueError:
        return iso


def head_lines(doc: CorpusDocument) -> list[str]:
    """The page's anchor and title, then the lines above the text, in reading order."""
    entry, document = doc.entry, doc.document
    title = document.title or entry.title
    out: list[str] = [
        f"({entry.slug})=",
        f"# {one_line(title)}",
        "",
    ]
    if document.site:
        site = escape(document.site)
        out += [
            f"*{site}" + (f" — {escape(document.tagline)}" if document.tagline else "") + "*",
            "",
        ]
    out += byline(entry)
    out += metadata_lines(document)
    if document.bio and entry.kind != "essay":  # an essay's bio closes it, with its author
        out += [f"*{escape(document.bio)}*", ""]
    out += provenance(doc)
    return out


def byline(entry: DocumentEntry) -> list[str]:
    parts: list[str] = []
    if entry.authors:
        names = ", ".join(one_line(a) for a in entry.authors)
        note = " (attribution inferred)" if "authors" in entry.inferred else ""
        parts.append(f"By {names}{note}")
    if entry.date:
        parts.append(one_line(human_date(entry.date)))
    if entry.publisher:
        parts.append(one_line(entry.publisher))
    return [" · ".join(parts), ""] if parts else []


def metadata_lines(document: Document) -> list[str]:
    """Metadata the normaliser found in the text, one labelled line per field."""
    fields: dict[str, list[str]] = {}
    for field in document.metadata:
        fields.setdefault(field.name, []).append(escape(field.value))
    if not fields:
        return []
    parts = [f"{escape(name.capitalize())}: {', '.join(values)}" for name, values in fields.items()]
    return ["*" + " · ".join(parts) + "*", ""]


def provenance(doc: CorpusDocument) -> list[str]:
    entry, source = doc.entry, doc.source
    lines = ["```{admonition} About this document", ":class: sourcebook-provenance", ""]
    if entry.url:
        lines.append(f"- **Source:** {link(entry.url)}")
    if entry.title_supplied:
        lines.append(
            "- **Title:** supplied by the editors"
            + (" (inferred from the source URL)" if "title" in entry.inferred else "")
            + "; the extract has none."
        )
    if entry.licence:
        lic = (
            link(entry.licence_url, entry.licence) if entry.licence_url else one_line(entry.licence)
        )
        lines.append(
            f"- **Licence:** {lic}. The text is reproduced from "
            f"{one_line(entry.publisher or 'its source')} "
            "under that licence; normalisation changed layout only."
        )
    lines.append(f"- **Seed file:** {code('seeds/' + entry.file)}, sha256 {code(source.sha256)}")
    # a role of the extension: it links the record the extension copies itself,
    # so no contributor value ever names a file to publish
    lines.append(
        "- **Provenance record:** {provenance}`record` (every removed passage, with its seed line)"
    )
    removed = doc.document.removed
    if removed:
        reasons = sorted({r.reason for r in removed})
        lines.append(
            f"- **Removed in normalisation:** {len(removed)} passages "
            f"({escape(', '.join(reasons))}), "
            "kept in the provenance record."
        )
    # "How to cite this page" is added by the extension, from the bibliography
    lines += ["```", ""]
    return lines
