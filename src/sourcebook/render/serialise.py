"""The document model as JSON (``sourcebook normalise --format json``).

Shape (version 1)::

    {"version": 1, "source": path, "sha256": hex, "kind": ..., "title": ...,
     "site": ..., "tagline": ..., "author": ..., "bio": ...,
     "blocks": [{"type": "paragraph"|"heading"|"quote"|"list"|"lost-heading"|"comment"
                         |"table"|"epigraph"|"truncated",
                 "line": n, ...}],
     "metadata": [{"name", "value", "line"}],
     "claims": [{"id", "line", "text", "markers", "flags"}],
     "footnotes": [{"label", "line", "text"}],
     "removed": [{"line", "reason", "text"}],
     "declared_comments": n | null}

Paragraph inlines are ``{"text": ...}`` or
``{"anchor": claim id, "markers": [...], "flags": [...], "line": n}``.
"""

from __future__ import annotations

from typing import Any

from sourcebook.model import (
    Anchor,
    Block,
    BlockQuote,
    Comment,
    Document,
    Epigraph,
    Heading,
    ListBlock,
    LostHeading,
    Paragraph,
    Table,
    Truncated,
)


def _paragraph(paragraph: Paragraph) -> dict[str, Any]:
    inlines: list[dict[str, Any]] = []
    for node in paragraph.inlines:
        if isinstance(node, Anchor):
            inlines.append(
                {
                    "anchor": node.claim,
                    "markers": list(node.markers),
                    "flags": list(node.flags),
                    "line": node.line,
                }
            )
        else:
            inlines.append({"text": node.text})
    return {"type": "paragraph", "line": paragraph.line, "inlines": inlines}


def block_to_json(block: Block) -> dict[str, Any]:
    if isinstance(block, Paragraph):
        return _paragraph(block)
    if isinstance(block, Heading):
        return {"type": "heading", "line": block.line, "level": block.level, "text": block.text}
    if isinstance(block, BlockQuote):
        return {
            "type": "quote",
            "line": block.line,
            "paragraphs": [_paragraph(p) for p in block.paragraphs],
        }
    if isinstance(block, ListBlock):
        return {
            "type": "list",
            "line": block.line,
            "style": block.style,
            "labels": list(block.labels),
            "items": [_paragraph(p) for p in block.items],
        }
    if isinstance(block, LostHeading):
        return {"type": "lost-heading", "line": block.line}
    if isinstance(block, Comment):
        return _comment(block)
    if isinstance(block, Table):
        return {
            "type": "table",
            "line": block.line,
            "role": block.role,
            "header": block.header,
            "rows": [
                {"line": row.line, "cells": [_paragraph(c) for c in row.cells]}
                for row in block.rows
            ],
        }
    if isinstance(block, Epigraph):
        return {
            "type": "epigraph",
            "line": block.line,
            "paragraphs": [_paragraph(p) for p in block.paragraphs],
            "attribution": _paragraph(block.attribution) if block.attribution else None,
        }
    if isinstance(block, Truncated):
        return {"type": "truncated", "line": block.line}
    raise TypeError(f"unknown block {block!r}")


def _comment(comment: Comment) -> dict[str, Any]:
    return {
        "type": "comment",
        "line": comment.line,
        "number": comment.number,
        "reply": comment.reply,
        "depth": comment.depth,
        "author": comment.author,
        "date_text": comment.date_text,
        "date": comment.date_iso,
        "blocks": [block_to_json(b) for b in comment.blocks],
        "replies": [_comment(r) for r in comment.replies],
    }


def document_to_json(document: Document, source: str, sha256: str) -> dict[str, Any]:
    return {
        "version": 1,
        "source": source,
        "sha256": sha256,
        "kind": document.kind,
        "title": document.title,
        "site": document.site,
        "tagline": document.tagline,
        "author": document.author,
        "bio": document.bio,
        "declared_comments": document.declared_comments,
        "metadata": [{"name": f.name, "value": f.value, "line": f.line} for f in document.metadata],
        "blocks": [block_to_json(b) for b in document.blocks],
        "claims": [
            {
                "id": c.id,
                "line": c.line,
                "text": c.text,
                "markers": list(c.markers),
                "flags": list(c.flags),
            }
            for c in document.claims
        ],
        "footnotes": [
            {"label": f.label, "line": f.line, "text": f.text} for f in document.footnotes
        ],
        "removed": [{"line": r.line, "reason": r.reason, "text": r.text} for r in document.removed],
    }
