"""axe-core on every page of the contributor's manual: desktop light and dark, phone light.

The manual is a site of its own (docs/manual) built with the book's theme; it
gets the book's fixes of the theme's markup (sourcebook.sphinxext.manual), so
its wide tables and code blocks scroll with the keyboard too
(scrollable-region-focusable, serious, on 8 of its pages before).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.browser.conftest import _local_context, _open_tab, serve
from tests.browser.test_accessibility import violations

pytestmark = pytest.mark.browser

FORMS = {
    "desktop": {"viewport": {"width": 1280, "height": 900}},
    "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
}


@pytest.fixture(scope="module")
def manual_url(built_manual: Path) -> Iterator[str]:
    with serve(built_manual) as url:
        yield url


# dark mode changes colours only (axe runs its colour rules there): on the desktop is enough
@pytest.mark.parametrize(
    ("form", "theme"), [("desktop", "light"), ("desktop", "dark"), ("phone", "light")]
)
def test_every_manual_page_has_no_serious_violation(
    browser: object, manual_url: str, built_manual: Path, axe_script: str, form: str, theme: str
) -> None:
    context = _local_context(browser, manual_url, color_scheme=theme, **FORMS[form])
    context.add_init_script(f"localStorage.setItem('theme', '{theme}')")
    context.add_init_script(axe_script)
    tab: Any = _open_tab(context)
    tab.theme = theme
    problems: list[str] = []
    try:
        for page in sorted(
            p.relative_to(built_manual).as_posix() for p in built_manual.glob("*.html")
        ):
            tab.goto(page)
            problems += violations(tab, f"manual/{page} [{form}, {theme}]")
        assert tab.errors == [], tab.errors
    finally:
        context.close()
    assert problems == [], "\n".join(problems)
