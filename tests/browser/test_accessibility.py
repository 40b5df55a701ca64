"""axe-core on every built page, in light and dark mode, and with a preview open."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from tests.browser.conftest import ARTIFACTS, _local_context, _open_tab

pytestmark = pytest.mark.browser

#: the impacts the reader must never have (axe's "moderate"/"minor" are reported, not fatal)
FATAL = ("critical", "serious")
#: dark mode changes only colours: there axe runs only its colour rules (half the time)
COLOUR_RULES = ["color-contrast", "link-in-text-block"]
AXE_RUN = """async (rules) => {
  const only = rules ? { runOnly: { type: "rule", values: rules } } : {};
  const result = await axe.run(document, { resultTypes: ["violations"], ...only });
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 3).map(n => n.target.join(" ")),
  }));
}"""


def violations(tab: Any, where: str) -> list[str]:
    found = tab.evaluate(AXE_RUN, COLOUR_RULES if getattr(tab, "theme", "") == "dark" else None)
    return [
        f"{where}: {v['impact']} {v['id']} ({v['help']}) at {v['nodes']}"
        for v in found
        if v["impact"] in FATAL
    ]


@pytest.fixture(params=["light", "dark"])
def audited(request: Any, browser: object, base_url: str, axe_script: str) -> Any:
    theme = request.param
    context = _local_context(
        browser, base_url, viewport={"width": 1280, "height": 900}, color_scheme=theme
    )
    # furo reads the reader's choice from localStorage before the body paints
    context.add_init_script(f"localStorage.setItem('theme', '{theme}')")
    context.add_init_script(axe_script)
    tab = _open_tab(context)
    tab.theme = theme
    yield tab
    context.close()
    assert tab.errors == [], tab.errors


def test_every_page_has_no_serious_violation(audited: Any, built_pages: list[str]) -> None:
    problems: list[str] = []
    for where in built_pages:
        audited.goto(where)
        assert audited.evaluate("document.body.dataset.theme") == audited.theme
        problems += violations(audited, f"{where} [{audited.theme}]")
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize(
    "selector", ["a.footnote-reference", "a.reference.internal:has(span.std-term)"]
)
def test_open_preview_has_no_serious_violation(audited: Any, selector: str) -> None:
    audited.goto("corpus/harbour-wikipedia.html")
    links = audited.locator(selector)
    link = next(
        links.nth(i) for i in range(links.count()) if links.nth(i).bounding_box()["height"] < 40
    )
    link.hover()
    dialog = audited.get_by_role("dialog")
    dialog.wait_for(state="visible")
    dialog.evaluate("e => Promise.all(e.getAnimations().map(a => a.finished))")  # faded in
    where = f"preview of {selector} [{audited.theme}]"
    assert violations(audited, where) == []
    name = selector.split()[0].replace(".", "-").strip("-")[:20]
    audited.screenshot(path=str(ARTIFACTS / f"axe-preview-{name}-{audited.theme}.png"))


def test_phone_with_the_sheet_open_has_no_serious_violation(phone: Any, axe_script: str) -> None:
    phone.goto("corpus/harbour-wikipedia.html")
    ref = phone.locator("a.footnote-reference").first
    ref.evaluate("e => window.scrollBy(0, e.getBoundingClientRect().top - 200)")
    ref.tap()
    dialog = phone.get_by_role("dialog")
    dialog.wait_for(state="visible")
    dialog.evaluate("e => Promise.all(e.getAnimations().map(a => a.finished))")
    phone.add_script_tag(content=axe_script)
    assert violations(phone, "phone, sheet open") == []


def test_built_pages_are_all_found(built_pages: list[str], html_dir: Path) -> None:
    assert "index.html" in built_pages and "glossary.html" in built_pages
    assert all(not p.startswith("_") for p in built_pages)
