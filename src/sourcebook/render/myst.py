"""Render a corpus document as a MyST page.

All seed text goes through :func:`~sourcebook.render.escape.escape`; the
only markup on a page is what this module writes: headings, quotations,
lists, footnotes, ``{footcite}`` citations, and the ``{claim}`` role of the
sourcebook Sphinx extension at every marker.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from sourcebook.corpus import CorpusDocument
from sourcebook.identifiers import is_bibkey, is_marker_label, is_slug
from sourcebook.model import (
    Anchor,
    Block,
    BlockQuote,
    Comment,
    Heading,
    ListBlock,
    LostHeading,
    Paragraph,
    Text,
)
from sourcebook.render.escape import code, escape, link, one_line, safe_url

#: renders a run of plain text; the glossary linker replaces the default
TextRenderer = Callable[[str], str]
#: extra MyST lines to place after a block (e.g. "Also quoted in …"); [] for none
BlockNotes = Callable[[CorpusDocument, Block], list[str]]

_SOURCE_NAME = {
    "wikipedia": "the source article",
    "blog": "the source post",
    "article": "the source article",
    "essay": "the source essay",
}


def footnote_label(label: str) -> str:
    """A MyST footnote label for a marker (``9.1`` -> ``m-9-1``).

    Named labels keep footnotes numbered in order of reference.  A label
    outside the marker grammar is a renderer bug (the parser makes labels),
    so it raises rather than reaching markup.
    """
    if not is_marker_label(label):
        raise ValueError(f"marker label {label!r} is not an identifier")
    return "m-" + label.replace(".", "-")


def human_date(iso: str) -> str:
    """``2016-09-20`` -> ``20 September 2016``; partial dates stay as given.

    >>> human_date("2019-10-22"), human_date("2009")
    ('22 October 2019', '2009')
    """
    try:
        return dt.date.fromisoformat(iso).strftime("%-d %B %Y")
    except ValueError:
        return iso


class PageRenderer:
    def __init__(
        self, doc: CorpusDocument, text: TextRenderer = escape, notes: BlockNotes | None = None
    ) -> None:
        self.doc = doc
        self.text = text
        self.notes = notes
        self.footnotes: dict[str, str] = {}
        self.footcites = False

    # -- inline ------------------------------------------------------------
    def inlines(self, paragraph: Paragraph) -> str:
        parts: list[str] = []
        for node in paragraph.inlines:
            if isinstance(node, Text):
                parts.append(self.text(node.text))
            else:
                parts.append(self.anchor(node))
        return "".join(parts).strip()

    def anchor(self, anchor: Anchor) -> str:
        parts: list[str] = []
        for label in anchor.markers:
            citation = self.doc.citation(label)
            keys = [k for k in (citation.keys if citation else ()) if self._citable(k)]
            if keys:
                parts.append("{footcite}`" + ",".join(keys) + "`")
                self.footcites = True
            else:
                parts.append(f"[^{footnote_label(label)}]")
                self.footnotes[footnote_label(label)] = self.unknown_source_text(label)
        # the markers as written ride along, so the page records the source text
        raw = "".join(c for c in anchor.raw if c.isprintable() and c != "`")
        parts.append("{claim}`" + anchor.claim + (f" {raw}" if raw else "") + "`")
        return "".join(parts)

    def _citable(self, key: str) -> bool:
        """A key goes into a role only if the bibliography has it and it is an identifier.

        Keys outside the grammar are errors of the checker (SB701), which
        stops the build; should the renderer still meet one, the marker is
        shown as a note whose source is unknown, never as a broken role.
        """
        return key in self._keys and is_bibkey(key)

    def unknown_source_text(self, label: str) -> str:
        entry = self.doc.entry
        shown = label.split(".")[-1]
        in_text = next((f for f in self.doc.document.footnotes if f.label == label), None)
        where = _SOURCE_NAME[entry.kind]
        if in_text is not None:
            url = safe_url(in_text.text)
            text = f"{escape(entry.marker_noun.capitalize())} {escape(shown)} of {where}: "
            text += link(url) if url else escape(in_text.text)
            text += ". Its source is not yet in the bibliography."
        else:
            text = (
                f"{escape(entry.marker_noun.capitalize())} {escape(shown)} of {where}; "
                "its text was not preserved in this extract. Source not yet identified."
            )
        citation = self.doc.citation(label)
        if citation is not None and citation.note:
            text += f" Editors’ note: {escape(citation.note)}"
        return text

    # -- blocks ------------------------------------------------------------
    def block(self, block: Block, level: int = 2) -> list[str]:
        if isinstance(block, Paragraph):
            return [self.inlines(block), ""]
        if isinstance(block, Heading):
            return [f"{'#' * level} {escape(block.text)}", ""]
        if isinstance(block, BlockQuote):
            lines: list[str] = []
            for index, paragraph in enumerate(block.paragraphs):
                if index:
                    lines.append(">")
                lines.append("> " + self.inlines(paragraph))
            return [*lines, ""]
        if isinstance(block, ListBlock):
            lines = []
            if block.style != "bullet":
                lines += ["```{rst-class} sourcebook-lettered", "```", ""]
            for index, item in enumerate(block.items):
                label = (
                    block.labels[index]
                    if block.style != "bullet" and index < len(block.labels)
                    else ""
                )
                prefix = escape(label) + " " if label else ""
                lines.append("- " + prefix + self.inlines(item))
            return [*lines, ""]
        if isinstance(block, LostHeading):
            return [
                "```{rst-class} sourcebook-lost-heading",
                "```",
                "",
                "*\\[A section heading was lost in extraction here.\\]*",
                "",
            ]
        if isinstance(block, Comment):
            return self.comment(block)
        raise TypeError(f"unknown block {block!r}")  # a bug, not bad input

    def comment(self, comment: Comment) -> list[str]:
        author = escape(comment.author) if comment.author else "Anonymous"
        when = ""
        if comment.date_iso:
            stamp = dt.datetime.fromisoformat(comment.date_iso)
            when = f" — {stamp.strftime('%-d %B %Y, %H:%M')}"
        slug = self.doc.entry.slug
        lines = [
            f"({slug}-comment-{comment.number:d})=",
            f"### {comment.number:d}. {author}{when}",
            "",
        ]
        if not comment.author:
            lines += ["*The commenter’s name was lost in extraction.*", ""]
        if comment.date_text:
            lines += [f"*Posted {escape(comment.date_text)}.*", ""]
        for block in comment.blocks:
            lines += self.block(block, level=4)
            lines += self.after(block)
        return lines

    # -- page --------------------------------------------------------------
    def render(self, keys: set[str]) -> str:
        self._keys = keys
        entry, document = self.doc.entry, self.doc.document
        if not is_slug(entry.slug):
            # the manifest loader and the checker (SB701) refuse such a slug first
            raise ValueError(f"document slug {entry.slug!r} is not an identifier")
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
        out += self.byline()
        if document.bio and entry.kind != "essay":
            out += [f"*{escape(document.bio)}*", ""]
        out += self.provenance()
        body = [b for b in document.blocks if not isinstance(b, Comment)]
        comments = [b for b in document.blocks if isinstance(b, Comment)]
        for block in body:
            out += self.block(block)
            out += self.after(block)
        if document.author and document.bio and entry.kind == "essay":
            out += [f"*{escape(document.author)}*", "", f"*{escape(document.bio)}*", ""]
        if comments:
            declared = document.declared_comments
            out += ["## Comments", ""]
            if declared is not None and declared != len(comments):
                out += [
                    f"The page announced {declared} responses; the extract holds {len(comments)}.",
                    "",
                ]
            for comment in comments:
                out += self.comment(comment)
        if self.footnotes or self.footcites:
            # a rubric, not a section: notes must not add to the document's outline
            out += ["```{rubric} Notes", "```", ""]
        for label, text in self.footnotes.items():
            out += [f"[^{label}]: {text}", ""]
        if self.footcites:
            out += ["```{footbibliography}", "```", ""]
        return "\n".join(out).rstrip("\n") + "\n"

    def after(self, block: Block) -> list[str]:
        """The after-block notes hook's lines for *block* (none without a hook)."""
        return self.notes(self.doc, block) if self.notes else []

    def byline(self) -> list[str]:
        entry = self.doc.entry
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

    def provenance(self) -> list[str]:
        entry, source = self.doc.entry, self.doc.source
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
                link(entry.licence_url, entry.licence)
                if entry.licence_url
                else one_line(entry.licence)
            )
            lines.append(
                f"- **Licence:** {lic}. The text is reproduced from "
                f"{one_line(entry.publisher or 'its source')} "
                "under that licence; normalisation changed layout only."
            )
        lines.append(
            f"- **Seed file:** {code('seeds/' + entry.file)}, sha256 {code(source.sha256)}"
        )
        # a role of the extension: it links the record the extension copies itself,
        # so no contributor value ever names a file to publish
        lines.append(
            "- **Provenance record:** {provenance}`record` "
            "(every removed passage, with its seed line)"
        )
        removed = self.doc.document.removed
        if removed:
            reasons = sorted({r.reason for r in removed})
            lines.append(
                f"- **Removed in normalisation:** {len(removed)} passages "
                f"({escape(', '.join(reasons))}), "
                "kept in the provenance record."
            )
        if entry.bibkey and self._citable(entry.bibkey):
            lines.append(
                f"- **How to cite this page:** cite the original, {{cite:p}}`{entry.bibkey}`."
            )
        lines += ["```", ""]
        return lines


def render_page(
    doc: CorpusDocument,
    keys: set[str],
    text: TextRenderer = escape,
    notes: BlockNotes | None = None,
) -> str:
    """The MyST page for *doc*; *keys* are the bibliography's keys.

    *notes* defaults to the text renderer's ``block_notes`` method when it has
    one, so a renderer such as the entity linker brings its own hook.
    """
    if notes is None:
        notes = getattr(text, "block_notes", None)
    return PageRenderer(doc, text, notes).render(keys)
