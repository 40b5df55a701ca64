"""Contributor-declared structure hints: schema, loader, checks against the text, CLI.

The hints live in a ``structure`` table of the document's metadata
(``[structure]`` in ``seeds/<slug>/document.toml``); the same table is read
from a ``--hints FILE.toml`` for a text not in the corpus.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import time
from pathlib import Path

import pytest

from sourcebook.check import main as check_main
from sourcebook.cli import main
from sourcebook.corpus.manifest import load_manifest
from sourcebook.inputs.headertemplate import TemplateError, compile_template, template_problem
from sourcebook.inputs.hints import parse_range, structure_hints_from
from sourcebook.inputs.tomlschema import parse_toml
from sourcebook.parse import parse


def _hints(text: str) -> tuple[list[str], object]:
    file, diags = parse_toml(text.encode(), "h.toml", "hints")
    assert file is not None
    return [f"{d.line}:{d.col}:{d.code.id}" for d in diags], structure_hints_from(
        file, ("structure",)
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[structure]\ntitle_line = 0\n", ["2:14:SB212"]),
        ("[structure]\ntitle_line = '3'\n", ["2:14:SB211"]),
        ('[structure]\nremove = ["5-3"]\n', ["2:11:SB212"]),
        ('[structure]\nremove = ["3 - 5"]\n', ["2:11:SB212"]),
        ("[structure]\ntitel_line = 3\n", ["2:1:SB209"]),
        ('[structure]\ncomment_header = "(a+)+$"\n', ["2:18:SB212"]),
        ('[structure]\ncomment_header = "{name}{date}"\n', ["2:18:SB212"]),
        ('[structure]\ncomment_header = "{who} said"\n', ["2:18:SB212"]),
        ('[structure]\ncomment_header = "{name} said \\u202e"\n', ["2:18:SB213"]),
    ],
)
def test_a_bad_hint_is_one_located_error(text: str, expected: list[str]) -> None:
    codes, hints = _hints(text)
    assert codes == expected
    assert hints is None  # a table with an error is not applied


def test_a_misspelt_key_gets_a_suggestion() -> None:
    _, diags = parse_toml(b"[structure]\ntitel_line = 3\n", "h.toml", "hints")
    assert "title_line" in diags[0].message


def test_good_hints_load_with_their_positions() -> None:
    text = (
        '[structure]\ntitle_line = 3\nremove = ["1-2", "9"]\nkeep = ["12"]\nheadings = [5]\n'
        'comments_start = 20\ncomment_header = "{name} said..."\n'
    )
    codes, hints = _hints(text)
    assert codes == []
    assert hints is not None
    assert hints.title_line == 3 and hints.remove == ((1, 2), (9, 9)) and hints.keep == ((12, 12),)
    assert hints.headings == (5,) and hints.comments_start == 20
    assert hints.comment_header is not None and hints.comment_header.source == "{name} said..."
    assert (hints.at("title_line").line, hints.at("remove.1").line) == (2, 3)


def test_ranges() -> None:
    assert [parse_range(t) for t in ("4", "2-6", "6-2", "0-1", "x")] == [
        (4, 4),
        (2, 6),
        None,
        None,
        None,
    ]


TEXT = "Site notice to remove\nThe Title\n\nFirst paragraph.\n\nLater part\n\nSecond paragraph.\n"


def _parsed(hint_toml: str) -> tuple[object, list[str]]:
    file, diags = parse_toml(hint_toml.encode(), "h.toml", "hints")
    assert file is not None and diags == []
    hints = structure_hints_from(file, ("structure",))
    document, found = parse(TEXT, "wikipedia", "t.txt", hints)
    return document, [d.format() for d in found]


def test_hints_decide_before_the_rules() -> None:
    document, diags = _parsed(
        '[structure]\ntitle_line = 2\nremove = ["1"]\nheadings = [6]\nkeep = ["4"]\n'
    )
    assert diags == []
    assert document.title == "The Title"  # type: ignore[attr-defined]
    kinds = [type(b).__name__ for b in document.blocks]  # type: ignore[attr-defined]
    assert kinds == ["Paragraph", "Heading", "Paragraph"]
    removed = document.removed  # type: ignore[attr-defined]
    assert [(r.line, r.reason) for r in removed] == [(1, "furniture (structure hint)")]


@pytest.mark.parametrize(
    ("hint", "message"),
    [
        ("title_line = 3", "h.toml:2:14: SB609 title_line: line 3 is blank"),
        ("headings = [99]", "h.toml:2:13: SB609 headings: line 99 is past the end"),
        ("body_start = 6\nbody_end = 4", "h.toml:3:12: SB609 body_end 4 is before body_start 6"),
        ('comment_header = "{name} said..."', "h.toml:2:18: SB609 comment_header"),
    ],
)
def test_a_hint_that_does_not_fit_the_text_is_a_located_error(hint: str, message: str) -> None:
    _, diags = _parsed_errors(f"[structure]\n{hint}\n")
    assert any(d.startswith(message) for d in diags), diags


def _parsed_errors(hint_toml: str) -> tuple[object, list[str]]:
    file, _ = parse_toml(hint_toml.encode(), "h.toml", "hints")
    assert file is not None
    document, found = parse(TEXT, "wikipedia", "t.txt", structure_hints_from(file, ("structure",)))
    return document, [d.format() for d in found]


def test_a_hint_that_does_not_fit_is_not_applied() -> None:
    document, diags = _parsed_errors("[structure]\ntitle_line = 3\n")
    # the rules decide instead: the two opening lines are one block, so no title,
    # and the guess is reported
    assert document.title is None  # type: ignore[attr-defined]
    assert any(" SB608 no line reads as the title" in d for d in diags)


def test_template_syntax() -> None:
    assert template_problem("{name} on {date} at {time}") is None
    assert template_problem("x" * 200) is not None
    assert template_problem("{name} {") is not None
    assert template_problem(" {name} said") is not None
    with pytest.raises(TemplateError):
        compile_template("{name}{any}")


def test_template_matching_is_linear_on_hostile_lines() -> None:
    """Six placeholders and a line that almost matches everywhere: no backtracking."""
    template = compile_template("{any} x {any} x {any} x {any} x {any} x {any}!")
    line = "a x " * 75
    start = time.process_time()
    for _ in range(200):
        assert template.match(line) is None
    assert time.process_time() - start < 1.0
    assert template.match("a x " * 2000) is None  # longer than any header: refused at once


def _cli(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(list(args))
    return status, out.getvalue(), err.getvalue()


def test_normalise_refuses_a_bad_hints_file_with_located_errors(tmp_path: Path) -> None:
    (tmp_path / "t.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "h.toml").write_text('[structure]\ncomment_header = "(a+)+$"\n', encoding="utf-8")
    status, out, err = _cli(
        "normalise", str(tmp_path / "t.txt"), "--kind", "blog", "--hints", str(tmp_path / "h.toml")
    )
    assert status == 1 and out == ""
    assert err.startswith(f"{tmp_path / 'h.toml'}:2:18: SB212 ")


def test_explain_shows_applied_hints_and_the_outline(tmp_path: Path) -> None:
    (tmp_path / "t.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "h.toml").write_text('[structure]\ntitle_line = 2\nremove = ["1"]\n')
    status, out, _ = _cli(
        "normalise",
        str(tmp_path / "t.txt"),
        "--kind",
        "wikipedia",
        "--hints",
        str(tmp_path / "h.toml"),
        "--explain",
    )
    assert status == 0
    assert "  title: 'The Title' (line 2: hint: title_line, score 1.00)" in out
    assert "removed (furniture) <- hint: remove 1 [score 1.00]" in out


def test_hints_read_from_a_corpus_documents_own_document_toml(tiny: Path) -> None:
    # a contributor previews a corpus page with the hints its document.toml holds; the
    # file is checked against the document schema, so its other keys are no error
    folder = tiny / "seeds" / "tiny-wiki"
    manifest = folder / "document.toml"
    manifest.write_text(manifest.read_text(encoding="utf-8") + '\n[structure]\nremove = ["1"]\n')
    given = ("normalise", str(folder / "extract.txt"), "--kind", "wikipedia", "--explain")
    status, out, err = _cli(*given, "--hints", str(manifest))
    assert (status, err.count("SB209")) == (0, 0)
    assert "removed (furniture) <- hint: remove 1 [score 1.00]" in out
    # a key the document schema does not know is still located in that file
    manifest.write_text(manifest.read_text(encoding="utf-8") + "colour = 1\n")
    status, out, err = _cli(*given, "--hints", str(manifest))
    assert status == 1 and out == "" and f"{manifest}:" in err and "colour" in err


def test_manifest_hints_reach_the_checker_and_strict_fails_on_guesses(tiny: Path) -> None:
    manifest = tiny / "seeds" / "tiny-wiki" / "document.toml"
    text = manifest.read_text(encoding="utf-8")
    manifest.write_text(text + "\n[structure]\ntitle_line = 2\n", encoding="utf-8")
    loaded, diags = load_manifest(tiny)
    assert [d.code.id for d in diags] == []
    entry = loaded.documents[0]
    assert entry.structure is not None and entry.structure.title_line == 2
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        status = check_main(["--root", str(tiny), "--no-cache"])
    lines = out.getvalue().splitlines()
    hint_error = [ln for ln in lines if " SB609 " in ln]
    assert hint_error and hint_error[0].startswith("seeds/tiny-wiki/document.toml:")
    assert status == 1


def test_check_reports_a_guess_and_strict_makes_it_fail(tiny: Path) -> None:
    seed = tiny / "seeds" / "tiny-wiki" / "extract.txt"
    text = seed.read_text(encoding="utf-8")
    seed.write_text("The extract opens with prose, and no title line at all.\n\n" + text)
    sha = hashlib.sha256(seed.read_bytes()).hexdigest()
    manifest = tiny / "seeds" / "tiny-wiki" / "document.toml"
    lines = manifest.read_text(encoding="utf-8").splitlines()
    manifest.write_text(
        "\n".join(f'sha256 = "{sha}"' if ln.startswith("sha256 =") else ln for ln in lines) + "\n",
        encoding="utf-8",
    )
    runs = []
    for extra in ([], ["--strict"]):
        out = io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
            runs.append((check_main(["--root", str(tiny), "--no-cache", *extra]), out.getvalue()))
    assert "seeds/tiny-wiki/extract.txt:1:1: SB608 no line reads as the title" in runs[0][1]
    assert runs[1][0] == 1


def test_the_contributor_guide_examples_are_valid_hints() -> None:
    """Every ``[structure]`` example in CONTRIBUTING.md passes the schema."""
    guide = (Path(__file__).parent.parent / "CONTRIBUTING.md").read_text(encoding="utf-8")
    blocks = [b.split("```")[0] for b in guide.split("```toml\n")[1:]]
    examples = [b for b in blocks if b.startswith("[structure]")]
    assert len(examples) == 4  # one per kind
    for example in examples:
        codes, hints = _hints(example)
        assert codes == [] and hints is not None, example
