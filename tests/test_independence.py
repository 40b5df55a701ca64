"""Independence of a source from a document's subject: unwrapping, domains, names, reasons."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sourcebook.check import run_check
from sourcebook.corpus.independence import (
    AFFILIATED,
    INDEPENDENT,
    UNKNOWN,
    Outlets,
    classify,
    site,
    unwrap,
)
from tests.test_check_changes import BIB, append, edit, map_marker

AWL = Outlets(
    "awl",
    "Alliance for Workers' Liberty",
    ("workersliberty.org", "savevestas.wordpress.com"),
    ("Workers' Liberty", "Solidarity"),
    "seeds/subjects/awl.toml:3",
    "seeds/subjects/awl.toml:9",  # the lines of domains and publishers
)


@pytest.mark.parametrize(
    ("url", "klass"),
    [
        ("https://www.workersliberty.org/story/2009/vestas", AFFILIATED),
        ("https://m.workersliberty.org/story", AFFILIATED),
        ("https://amp.workersliberty.org/story", AFFILIATED),
        ("https://australia.workersliberty.org/", AFFILIATED),
        ("https://web.archive.org/web/20090801000000/http://www.workersliberty.org/x", AFFILIATED),
        ("https://web.archive.org/web/2009id_/workersliberty.org/x", AFFILIATED),
        ("https://archive.ph/2019.01.01-120000/https://workersliberty.org/x", AFFILIATED),
        ("https://archive.today/newest/https://savevestas.wordpress.com/", AFFILIATED),
        (
            "https://webcache.googleusercontent.com/search?q=cache:x1:workersliberty.org/a",
            AFFILIATED,
        ),
        ("https://www.google.com/amp/s/www.workersliberty.org/story/1", AFFILIATED),
        (
            "https://www-workersliberty-org.cdn.ampproject.org/c/s/www.workersliberty.org/s",
            AFFILIATED,
        ),
        ("https://notworkersliberty.org/", INDEPENDENT),
        ("https://workersliberty.org.example.com/", INDEPENDENT),
        ("https://othercampaign.wordpress.com/", INDEPENDENT),  # only the listed blog is theirs
        ("https://web.archive.org/web/2009/https://www.theguardian.com/x", INDEPENDENT),
        ("https://archive.ph/AbC12", UNKNOWN),  # a short link hides its original
    ],
)
def test_url_verdicts_unwrap_copies_and_match_domains_label_by_label(url: str, klass: str) -> None:
    assert classify({"url": url}, AWL).klass == klass


def test_publisher_matches_exactly_after_normalisation() -> None:
    assert classify({"publisher": "Solidarity"}, AWL).klass == AFFILIATED
    assert classify({"journal": "SOLIDARITY"}, AWL).klass == AFFILIATED
    assert classify({"howpublished": "Workers’ Liberty, London"}, AWL).klass == AFFILIATED
    assert classify({"publisher": "Solidarity Federation"}, AWL).klass == INDEPENDENT
    assert classify({"publisher": "Liberty"}, AWL).klass == INDEPENDENT
    assert classify({"title": "Only a title"}, AWL).klass == UNKNOWN


def test_every_verdict_says_why_and_where() -> None:
    verdict = classify(
        {"url": "https://web.archive.org/web/2009/https://workersliberty.org/a"}, AWL
    )
    assert verdict.reason == (
        "archive or proxy copy (web.archive.org) of https://workersliberty.org/a: url domain "
        "workersliberty.org is an outlet of the subject awl (seeds/subjects/awl.toml:3)"
    )
    verdict = classify({"url": "https://www.bbc.co.uk/news", "publisher": "BBC"}, AWL)
    assert verdict.reason == (
        "url domain bbc.co.uk and publisher 'BBC' are not among the outlets of the subject awl "
        "(seeds/subjects/awl.toml:3)"
    )
    assert "publisher 'Solidarity' is an outlet" in classify({"journal": "Solidarity"}, AWL).reason


def test_explicit_affiliation_adds_but_never_overrides_the_evidence() -> None:
    said = classify({"url": "https://front.example.org/", "affiliation": "AWL"}, AWL)
    assert said.klass == AFFILIATED and said.contradiction is None
    none = classify({"url": "https://www.theguardian.com/", "affiliation": "none"}, AWL)
    assert none.klass == INDEPENDENT and none.contradiction is None
    lie = classify({"url": "https://www.workersliberty.org/x", "affiliation": "none"}, AWL)
    assert lie.klass == AFFILIATED
    assert lie.contradiction and "remove the affiliation field" in lie.contradiction


def test_site_drops_prefixes_but_never_down_to_a_public_suffix() -> None:
    assert site("www.m.example.org") == "example.org"
    assert site("m.co.uk") == "m.co.uk"
    assert unwrap("https://example.org/a").via is None


def _cite_with(tiny: Path, fields: str) -> None:
    append(tiny / BIB, f"\n@misc{{probe2004,\n  title        = {{Probe}},\n{fields}}}\n")
    map_marker(tiny, "2", '"probe2004"')


def _errors(tiny: Path) -> list[str]:
    return [d.format() for d in run_check(tiny).diagnostics if re.match(r"SB[1-4]", d.code.id)]


def test_a_contradicted_affiliation_is_one_located_error(tiny: Path) -> None:
    _cite_with(
        tiny,
        "  url          = {https://harbourcircle.org/p},\n  affiliation  = {none},\n",
    )
    [error] = _errors(tiny)
    probe = tiny / BIB / "probe2004.bib"
    line = probe.read_text(encoding="utf-8").split("\n").index("  affiliation  = {none},")
    assert error.startswith(f"docs/references/probe2004.bib:{line + 1}:1: SB409 'probe2004': ")
    assert "harbourcircle.org is an outlet of the subject hwc (seeds/subjects/hwc.toml:2)" in error


def test_a_public_suffix_as_subject_domain_is_an_error(tiny: Path) -> None:
    edit(tiny / "seeds/subjects/hwc.toml", '"hwc-bulletin.wordpress.com"', '"github.io"')
    [error] = _errors(tiny)
    assert error.startswith("seeds/subjects/hwc.toml:2:1: SB410 subject 'hwc': 'github.io'")


def test_a_flag_left_standing_by_affiliated_sources_is_explained(tiny: Path) -> None:
    _cite_with(tiny, "  url          = {https://m.harbourcircle.org/p},\n")
    [warning] = [d for d in run_check(tiny).diagnostics if d.code.id == "SB506"]
    assert warning.format().startswith(
        "seeds/tiny-wiki/extract.txt:9:1: SB506 claim tiny-wiki/ref-2 "
    )
    assert "probe2004: url domain harbourcircle.org is an outlet of the subject hwc" in (
        warning.message
    )
    record = next(c for c in run_check(tiny).corpus.claims if c.claim.id == "ref-2")
    assert record.reasons["probe2004"].startswith("url domain harbourcircle.org is an outlet")
