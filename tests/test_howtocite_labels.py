"""The bibliography's labels are kept in the build environment while it hashes the same.

Labelling is done over the whole list (letters tell apart one author's entries
of one year), so a kept label must be what labelling the current list gives:
an edit anywhere in the bibliography labels it again.
"""

from __future__ import annotations

import pytest

from sourcebook.corpus.bibliography import Source, load_bibliography_text
from sourcebook.sphinxext import howtocite

BIB = """
@book{quay1901,
  author = {Marsh, Edda},
  title = {Tide Bells},
  year = {1901},
}
@book{quay1901b,
  author = {Marsh, Edda},
  title = {Night Crews},
  year = {1901},
}
@misc{circle,
  author = {{Harbour Workers' Circle}},
  title = {Minutes},
}
"""


class Env:
    """Stands for Sphinx's environment: any object that takes attributes."""


def _sources(text: str) -> dict[str, Source]:
    bib, problems = load_bibliography_text(text, "refs.bib")
    assert not problems
    return bib.sources


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls: list[int] = []
    real = howtocite.labels_by_key

    def labels_by_key(entries: list[object]) -> dict[str, str]:
        calls.append(len(entries))
        return real(entries)

    monkeypatch.setattr(howtocite, "labels_by_key", labels_by_key)
    monkeypatch.setattr(howtocite, "_LABELS", [])
    return calls


def _labels(sources: dict[str, Source], env: object) -> dict[str, str]:
    return {key: howtocite.bibliography_label(s, sources, env) for key, s in sources.items()}


def test_a_build_with_the_same_bibliography_labels_nothing(counted: list[int]) -> None:
    env = Env()
    first = _labels(_sources(BIB), env)
    assert first["quay1901"] != first["quay1901b"]  # the letters: the whole list counts
    assert counted == [3]
    howtocite._LABELS.clear()  # a new process: only the environment is left
    assert _labels(_sources(BIB), env) == first
    assert counted == [3]


def test_an_edited_bibliography_is_labelled_again_as_from_scratch(counted: list[int]) -> None:
    env = Env()
    _labels(_sources(BIB), env)
    edited = BIB.replace(
        "title = {Night Crews},\n  year = {1901}", "title = {Night Crews},\n  year = {1902}"
    )
    assert edited != BIB
    howtocite._LABELS.clear()
    kept = _labels(_sources(edited), env)
    assert counted == [3, 3]
    howtocite._LABELS.clear()
    assert kept == _labels(_sources(edited), Env())
    assert kept["quay1901"] == "Marsh 1901"
