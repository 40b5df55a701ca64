"""Parsing: seed text -> document model, by per-kind profiles."""

from __future__ import annotations

from sourcebook.diagnostics import Diagnostic
from sourcebook.model import Document, Kind
from sourcebook.parse.profiles import PROFILES, Profile
from sourcebook.parse.structure import parse_document


def parse(text: str, kind: Kind, path: str) -> tuple[Document, list[Diagnostic]]:
    """Parse decoded seed *text* of the given *kind*."""
    return parse_document(text, PROFILES[kind], path)


__all__ = ["PROFILES", "Profile", "parse"]
