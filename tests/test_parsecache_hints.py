"""The parse cache keys on a document's structure hints: hinted documents are cached too."""

from __future__ import annotations

from pathlib import Path

from sourcebook.corpus.cache import ParseCache, entry_key, hints_identity
from sourcebook.inputs.headertemplate import compile_template
from sourcebook.inputs.hints import StructureHints, Where
from sourcebook.inputs.source import SourceText, sha256_of
from sourcebook.parse import parse

TEXT = (
    "Site Notice Line\n\nThe Real Title\n\nA first sentence here. A second one follows.\n\n"
    "Another paragraph of body text.\n"
)
DISPLAY = "seeds/a.txt"


def source() -> SourceText:
    return SourceText(DISPLAY, TEXT, sha256_of(TEXT.encode("utf-8")))


def hinted(title_line: int = 3, at_line: int = 7, **more: object) -> StructureHints:
    where = {"": Where("seeds/manifest.toml", at_line - 1, 1)}
    where["title_line"] = Where("seeds/manifest.toml", at_line, 1)
    return StructureHints(title_line=title_line, where=where, **more)  # type: ignore[arg-type]


def test_a_hinted_document_is_cached_and_the_hints_are_applied(tmp_path: Path) -> None:
    first = ParseCache(tmp_path)
    made = first.parse(source(), "wikipedia", DISPLAY, hinted())
    assert first.parsed == [DISPLAY]
    assert made == parse(TEXT, "wikipedia", DISPLAY, hinted())
    assert made[0].title == "The Real Title"

    second = ParseCache(tmp_path)
    assert second.parse(source(), "wikipedia", DISPLAY, hinted()) == made
    assert second.parsed == []


def test_a_changed_hint_is_a_miss(tmp_path: Path) -> None:
    ParseCache(tmp_path).parse(source(), "wikipedia", DISPLAY, hinted())
    for other in (
        None,  # the hint removed
        hinted(title_line=1),  # another value
        hinted(at_line=9),  # written elsewhere: its diagnostics point elsewhere
        hinted(comment_header=compile_template("{name} said...")),  # one more hint
    ):
        again = ParseCache(tmp_path)
        found = again.parse(source(), "wikipedia", DISPLAY, other)
        assert again.parsed == [DISPLAY], other
        assert found == parse(TEXT, "wikipedia", DISPLAY, other)


def test_the_key_is_the_hints_content_not_the_object() -> None:
    assert hints_identity(None) == hints_identity(StructureHints()) == ""
    assert hints_identity(hinted()) == hints_identity(hinted())
    assert hints_identity(hinted()) != hints_identity(hinted(title_line=1))
    header = {"comment_header": compile_template("{name} said...")}
    other = {"comment_header": compile_template("{name} wrote:")}
    assert hints_identity(hinted(**header)) != hints_identity(hinted(**other))
    assert entry_key(source(), "wikipedia", DISPLAY, None) == entry_key(
        source(), "wikipedia", DISPLAY, StructureHints()
    )
    assert entry_key(source(), "wikipedia", DISPLAY, hinted()) != entry_key(
        source(), "wikipedia", DISPLAY
    )


def test_the_loader_caches_a_hinted_document_and_a_new_hint_is_parsed(
    tiny: Path, tmp_path: Path
) -> None:
    """Through the corpus loader: hints written in the document's metadata reach the
    cache key, so the second load parses nothing and a changed hint parses again."""
    from sourcebook.corpus.load import load_corpus

    metadata = sorted((tiny / "seeds").glob("*/document.toml"))[0]
    base = metadata.read_text(encoding="utf-8")
    home = tmp_path / "cache"

    def load(hint: str) -> tuple[list[str], list[str]]:
        metadata.write_text(base + f"\n[structure]\n{hint}\n", encoding="utf-8")
        cache = ParseCache(home)
        corpus = load_corpus(tiny, parser=cache)
        return cache.parsed, [d.format() for d in corpus.diagnostics if " SB609 " in d.format()]

    first = load("title_line = 2")
    assert first[0] and first[1]  # parsed; the hint does not fit (SB609 at the hint)
    assert load("title_line = 2") == ([], first[1])  # from the cache, same diagnostics
    again = load("title_line = 1")
    assert again[0] == first[0] and again[1] != first[1]
