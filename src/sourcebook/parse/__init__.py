"""Parsing: seed text -> document model, by per-kind profiles."""

from __future__ import annotations

from sourcebook.core.diagnostics import Diagnostic
from sourcebook.inputs.hints import StructureHints
from sourcebook.model import Document, Kind
from sourcebook.parse.profiles import PROFILES, Profile
from sourcebook.parse.structure import parse_document


def parse(
    text: str, kind: Kind, path: str, hints: StructureHints | None = None
) -> tuple[Document, list[Diagnostic]]:
    """Parse decoded seed *text* of the given *kind*, applying structure *hints* first."""
    return parse_document(text, PROFILES[kind], path, hints)


__all__ = ["PROFILES", "Profile", "parse"]
