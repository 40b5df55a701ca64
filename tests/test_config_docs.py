"""The configuration page of the real reader lists every declared value."""

from __future__ import annotations

from pathlib import Path

import pytest

from sourcebook.sphinxext.config import OPTIONS

pytestmark = pytest.mark.sphinx


def test_configuration_page_lists_every_value(built_manual: Path) -> None:
    html = (built_manual / "configuration.html").read_text(encoding="utf-8")
    for option in OPTIONS:
        assert f'id="confval-{option.name.replace("_", "-")}"' in html
        assert option.description.split("``")[0].split(".")[0] in html
