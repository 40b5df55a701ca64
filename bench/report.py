"""The bench's tables: a results file as Markdown, and the docs page's table replaced.

Used by ``bench/run.py`` (``--from-json`` prints a committed file's table again).
"""

from __future__ import annotations

from pathlib import Path

Steps = dict[str, dict[str, dict[str, float | bool]]]

ROWS = (
    ("floor", "floor: read + hash every seed"),
    ("normalise", "normalise (parse every seed)"),
    ("pages", "`sourcebook pages`"),
    ("check_cold", "`sourcebook check`, parse cache off"),
    ("check", "`sourcebook check` (parse cache from earlier runs)"),
    ("dummy", "`sphinx-build -b dummy`"),
    ("html", "full HTML build, serial"),
    ("html_j2", "full HTML build, `-j 2`"),
    ("pagefind", "of which: Pagefind indexing the site"),
    ("noop", "no-op rebuild"),
    ("one_seed", "rebuild after editing one seed"),
)


CORPUS_ROWS = (
    ("bibliography_entries", "corpus: bibliography entries"),
    ("apparatus_files", "corpus: apparatus files"),
    ("distinct_words", "corpus: distinct words"),
    ("entities", "corpus: entities"),
    ("subjects", "corpus: subjects"),
)


def table(
    results: Steps,
    corpus: dict[str, dict[str, int]] | None = None,
    search: dict[str, object] | None = None,
) -> list[str]:
    """The Markdown table of *results* (size -> step -> figures), a column a size."""
    sizes = list(results)
    head = "| step (CPU s, median) | " + " | ".join(f"N = {int(n):,}" for n in sizes) + " |"
    lines = [head, "|---" * (len(sizes) + 1) + "|"]
    for key, label in CORPUS_ROWS if corpus else ():
        cells = [f"{corpus[n][key]:,}" if corpus and n in corpus else "—" for n in sizes]
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    lines += _step_rows(results, sizes)
    peak = [f"{max(float(s['peak_mib']) for s in results[n].values()):.0f}" for n in sizes]
    lines.append("| peak memory (MiB) | " + " | ".join(peak) + " |")
    lines += _search_rows(sizes, search or {})
    lines += _ratio_rows(results, sizes)
    return lines


def _step_rows(results: Steps, sizes: list[str]) -> list[str]:
    lines = []
    for key, label in ROWS:
        if not any(key in results[n] for n in sizes):
            continue
        cells = []
        for n in sizes:
            step = results[n].get(key)
            cells.append(
                "—" if step is None else f"{step['cpu_s']:.2f}" + ("" if step["ok"] else " ✗")
            )
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return lines


Ratio = tuple[str, str | None, str]
#: derived rows: label -> (step, divisor step or None for "per document in ms", figure)
RATIOS: dict[str, Ratio] = {
    "`sphinx-build -b dummy` ÷ `sourcebook check`": ("dummy", "check", "cpu_s"),
    "HTML build per document (ms)": ("html", None, "cpu_s"),
    "serial ÷ `-j 2` (CPU)": ("html", "html_j2", "cpu_s"),
    "serial ÷ `-j 2` (wall clock)": ("html", "html_j2", "wall_s"),
}


def _ratio(
    steps: dict[str, dict[str, float | bool]], n: int, spec: tuple[str, str | None, str]
) -> str:
    top, bottom, figure = spec
    if top not in steps or (bottom and bottom not in steps):
        return "—"
    if not steps[top]["ok"] or (bottom and not steps[bottom]["ok"]):
        return "—"  # a failed or stopped step's figures are not a rate
    value = float(steps[top][figure])
    if bottom is None:
        return f"{value * 1000 / n:.0f}"
    return f"{value / max(float(steps[bottom][figure]), 1e-9):.1f}×"


def _ratio_rows(results: Steps, sizes: list[str]) -> list[str]:
    lines = []
    for label, spec in RATIOS.items():
        cells = [_ratio(results[n], int(n), spec) for n in sizes]
        if any(cell != "—" for cell in cells):
            lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return lines


def _search_rows(sizes: list[str], search: dict[str, object]) -> list[str]:
    """A first search's download (the largest over :data:`SEARCH_WORDS`), whole and the index."""
    rows = []
    for key, label in (("bytes", "everything"), ("index_bytes", "the search index")):
        cells = []
        for n in sizes:
            found = search.get(n)
            searches = found.get("searches", {}) if isinstance(found, dict) else {}
            sizes_kb = [s[key] / 1000 for s in searches.values()]
            cells.append(f"{max(sizes_kb):,.0f}" if sizes_kb else "—")
        rows.append(f"| first search, KB downloaded: {label} | " + " | ".join(cells) + " |")
    return rows


def write_docs(page: Path, lines: list[str], meta: str) -> None:
    text = page.read_text(encoding="utf-8")
    begin, end = "% bench:begin\n", "% bench:end\n"
    if begin not in text or end not in text:
        raise SystemExit(f"{page}: no '% bench:begin' / '% bench:end' lines to replace")
    head, rest = text.split(begin, 1)
    _, tail = rest.split(end, 1)
    page.write_text(
        head + begin + "\n" + meta + "\n\n" + "\n".join(lines) + "\n\n" + end + tail,
        encoding="utf-8",
    )
