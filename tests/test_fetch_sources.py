"""``cite --doi/--isbn/--url`` and ``source add``: recorded responses, never the network."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from sourcebook.check import main as check_main
from sourcebook.contrib.fmt import main as fmt_main
from sourcebook.contrib.metadata.network import NetworkTransport
from sourcebook.contrib.metadata.transport import FetchFailed
from sourcebook.contrib.sourcecmd import main as source_main
from tests.corpusfiles import add_entries, all_entries
from tests.test_check_changes import snapshot

RECORDED = str(Path(__file__).parent / "fixtures" / "fetched")
ARTICLE = "10.5555/eplh.2009.0042"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    from sourcebook.cli import main

    status = main(list(args))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def fetch(root: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    extra = ("--root", str(root), "--recorded", RECORDED, "--accessed", "2026-12-01")
    return run(capsys, *args, *extra)


def clean(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert check_main(["--root", str(root)]) == 0, capsys.readouterr().out
    assert fmt_main(["--root", str(root), "--check"]) == 0, capsys.readouterr().out
    assert source_main(["verify", "--root", str(root)]) == 0, capsys.readouterr().out
    capsys.readouterr()


def test_cite_doi_writes_a_complete_entry_and_its_record_and_resolves_the_claim(
    tiny: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = fetch(tiny, capsys, "cite", "tiny-wiki/2", "--doi", ARTICLE)
    assert status == 0, err
    key = "okonkworeyes2009crane"
    assert f"DOI {ARTICLE}: fetched from crossref as @article{{{key}}}" in out
    assert "resolved: tiny-wiki/ref-2" in out
    assert f"claim tiny-wiki/ref-2: independently-sourced ({key}: url domain doi.org" in out
    assert "and publisher 'Eastport University Press' are not among the outlets" in out
    bib = all_entries(tiny)
    entry = bib[bib.index(f"@article{{{key},") :].split("\n}\n")[0]
    for field in (
        "author       = {Okonkwo-Reyes, Mara and de la Fuente, Tomás}",
        "title        = {The crane drivers' strike at {Eastport,} 2004: {Solidarity} on the quay}",
        "journal      = {Journal of Port Labour History}",
        "publisher    = {Eastport University Press}",
        "date         = {2009-06-15}",
        "pages        = {101--118}",
        f"doi          = {{{ARTICLE}}}",
        "urldate      = {2026-12-01}",
    ):
        assert field in entry
    record = json.loads((tiny / "docs" / "references" / f"{key}.json").read_text(encoding="utf-8"))
    assert record["kind"] == "doi" and record["accessed"] == "2026-12-01"
    assert record["response"]["message"]["DOI"] == ARTICLE
    clean(tiny, capsys)


@pytest.mark.parametrize(
    ("doi", "said"),
    [
        ("10.5555/missing", "not found (HTTP 404)"),
        ("10.5555/busy", "rate limited (HTTP 429); wait a minute"),
        ("10.5555/slow", "no answer within 15 s"),
        ("10.5555/offline", "cannot connect"),
        ("10.5555/not-json", "the answer was not JSON"),
        ("not-a-doi", "not a DOI"),
    ],
)
def test_a_failed_fetch_says_why_in_one_line_and_writes_nothing(
    tiny: Path, capsys: pytest.CaptureFixture[str], doi: str, said: str
) -> None:
    before = snapshot(tiny)
    status, out, err = fetch(tiny, capsys, "cite", "tiny-wiki/2", "--doi", doi)
    assert status == 1 and out == ""
    assert err.count("\n") == 1 and said in err and err.endswith("(nothing was written)\n")
    assert snapshot(tiny) == before


def test_a_doi_without_authors_becomes_misc_and_says_so(
    tiny: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = fetch(tiny, capsys, "source", "add", "--doi", "10.5555/EPLH.2010.0007")
    assert status == 0, err
    assert "the metadata has no author: written as @misc, not @article" in out
    assert "@misc{journalofportlabourh2010editorial," in all_entries(tiny)
    clean(tiny, capsys)


def test_csl_json_from_content_negotiation_reads_like_crossref(
    tiny: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, _out, err = fetch(tiny, capsys, "source", "add", "--doi", "10.5555/ept.2004.1188")
    assert status == 0, err
    bib = all_entries(tiny)
    assert "@article{roe2004crane," in bib and "journal      = {Eastport Tribune}" in bib
    clean(tiny, capsys)


def test_hostile_text_comes_out_inert(tiny: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, _out, err = fetch(tiny, capsys, "source", "add", "--doi", "10.5555/hostile.1")
    assert status == 0, err
    bib = all_entries(tiny)
    assert r"\textbackslash{}input{/etc/passwd}" in bib and r"100\%" in bib
    assert "<script>" not in bib and "alert(1)" not in bib and "tags" in bib
    # a name holding " and " is one name, never two authors
    assert "{{Tables and Chairs}, Robert'); DROP TABLE} and {{Org}" in bib
    clean(tiny, capsys)


@pytest.mark.parametrize(
    ("option", "value", "said"),
    [
        ("--doi", "10.5555/hostile.bidi", "/message/title/0: character 13 is a bidirectional"),
        ("--doi", "10.5555/hostile.link", "SB307"),
        ("--url", "https://hostile.example/page", "og:title: character 19 is an unbalanced brace"),
        ("--url", "https://bare.example/page", "the page names no title"),
        ("--url", "javascript:alert(1)", "scheme 'javascript:' is not allowed"),
        ("--isbn", "9780000000033", "answered for ISBN 9780000000019, another edition"),
        ("--isbn", "9780000000034", "not a valid ISBN"),
    ],
)
def test_unusable_responses_are_refused_with_where_and_nothing_is_written(
    tiny: Path, capsys: pytest.CaptureFixture[str], option: str, value: str, said: str
) -> None:
    before = snapshot(tiny)
    status, _out, err = fetch(tiny, capsys, "source", "add", option, value)
    assert status == 1 and said in err and "nothing was written" in err
    assert snapshot(tiny) == before


def test_two_editions_get_two_entries_and_the_verdict_names_the_publisher(
    tiny: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = fetch(tiny, capsys, "source", "add", "--isbn", "978-0-00-000001-9")
    assert status == 0, err
    assert "2 editions share this work (9780000000019, 9780000000026)" in out
    assert (
        "whitfield2012history and hwc: affiliated (publisher 'Harbour Circle Press' is an "
        "outlet of the subject hwc (seeds/subjects/hwc.toml:3))"
    ) in out
    status, out, err = fetch(tiny, capsys, "source", "add", "--isbn", "9780000000026")
    assert status == 0, err
    assert "whitfield2014history and hwc: independent (publisher 'Quayside Books'" in out
    status, out, err = fetch(tiny, capsys, "source", "add", "--isbn", "9780000000026")
    assert status == 0 and "already in docs/references/ as whitfield2014history" in out
    assert all_entries(tiny).count("@book{whitfield2014history,") == 1
    clean(tiny, capsys)


def test_pages_metadata_of_each_vocabulary(tiny: Path, capsys: pytest.CaptureFixture[str]) -> None:
    expected = {
        "https://news.eastport.example/2004/05/cranes": "author       = {Castellano, Priya and "
        "Abara, Jon}",
        "https://journals.eastport.example/plh/7/2": "@article{okonkworeyes2009unions,",
        "https://library.eastport.example/capstan": "author       = {{Eastport Public Library}}",
        "https://harbourcircle.org/about": "url          = {https://www.harbourcircle.org/about/}",
    }
    for url, field in expected.items():
        status, out, err = fetch(tiny, capsys, "source", "add", "--url", url)
        assert status == 0, err
        assert field in all_entries(tiny)
    assert "harbourworkerscircle2019about and hwc: affiliated (url domain harbourcircle.org" in out
    clean(tiny, capsys)


def test_a_taken_key_gets_a_suffix(tiny: Path, capsys: pytest.CaptureFixture[str]) -> None:
    add_entries(
        tiny, "@misc{roe2004crane,\n  title = {Another},\n  url = {https://x.example/}\n}\n"
    )
    status, out, err = fetch(tiny, capsys, "source", "add", "--doi", "10.5555/ept.2004.1188")
    assert status == 0, err
    assert "@article{roe2004craneb}" in out


def test_verify_names_a_field_edited_after_the_fetch(
    tiny: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert fetch(tiny, capsys, "source", "add", "--doi", ARTICLE)[0] == 0
    bib = tiny / "docs/references/okonkworeyes2009crane.bib"
    bib.write_text(bib.read_text(encoding="utf-8").replace("{101--118}", "{101--119}"), "utf-8")
    status, out, _ = run(capsys, "source", "verify", "--root", str(tiny))
    assert status == 1
    assert "SB328 okonkworeyes2009crane: field 'pages' is '101--119' but its record" in out
    assert out.startswith("docs/references/okonkworeyes2009crane.bib:10:")


# -- the real network code, on a local server and on the libraries' own exceptions


#: a CSL-JSON item as DOI content negotiation returns it (a data set: not Crossref's)
DATACITE = json.dumps(
    {
        "type": "dataset",
        "DOI": "10.5555/datacite",
        "title": "Eastport crane shifts, 1990-2010",
        "author": [{"family": "Lin", "given": "Wei"}],
        "publisher": "Eastport Data Archive",
        "issued": {"date-parts": [[2016]]},
    }
).encode()


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        csl = self.headers.get("Accept") == "application/vnd.citationstyles.csl+json"
        status, kind, body = {
            "/page": (200, "text/html; charset=utf-8", b"<title>Local page</title>"),
            "/10.5555/datacite": (
                (200, "application/vnd.citationstyles.csl+json", DATACITE)
                if csl
                else (406, "text/plain", b"ask for CSL-JSON")
            ),
            "/pdf": (200, "application/pdf", b"%PDF"),
            "/busy": (429, "text/plain", b"slow down"),
        }.get(self.path, (404, "text/plain", b"no"))
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def local() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


def test_network_transport_reads_a_page_and_names_each_failure(local: str) -> None:
    final, text = NetworkTransport(timeout=5).page(f"{local}/page")
    assert final == f"{local}/page" and "Local page" in text
    for path, said in (("/busy", "HTTP 429"), ("/gone", "HTTP 404"), ("/pdf", "not an HTML")):
        with pytest.raises(FetchFailed, match=said):
            NetworkTransport(timeout=5).page(local + path)


def test_a_doi_crossref_does_not_know_is_asked_of_the_resolver(
    local: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import habanero
    import httpx2

    from sourcebook.contrib.metadata import netdoi
    from sourcebook.contrib.metadata.crossref import crossref_entry

    def unknown(*args: object, **kwargs: object) -> object:
        request = httpx2.Request("GET", "https://api.crossref.org/works/10.5555/datacite")
        response = httpx2.Response(404, request=request)
        raise httpx2.HTTPStatusError("404", request=request, response=response)

    monkeypatch.setattr(habanero.Crossref, "works", unknown)
    monkeypatch.setattr(netdoi, "RESOLVER", f"{local}/")
    service, body = NetworkTransport(timeout=5).doi("10.5555/datacite")
    assert service == "doi.org (CSL-JSON)"
    entry = crossref_entry(body, "10.5555/datacite", "2026-12-01")
    assert (entry.type, entry.publisher, entry.year) == ("misc", "Eastport Data Archive", "2016")
    with pytest.raises(FetchFailed, match="HTTP 404"):
        NetworkTransport(timeout=5).doi("10.5555/nowhere")


def test_habanero_and_isbnlib_failures_become_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    import habanero
    import httpx2
    import isbnlib
    from isbnlib.dev import _exceptions as errors

    def rate_limited(*args: object, **kwargs: object) -> object:
        request = httpx2.Request("GET", "https://api.crossref.org/works/10.5555/x")
        response = httpx2.Response(429, request=request)
        raise httpx2.HTTPStatusError("429", request=request, response=response)

    monkeypatch.setattr(habanero.Crossref, "works", rate_limited)
    with pytest.raises(FetchFailed, match=r"^DOI 10.5555/x: rate limited \(HTTP 429\)"):
        NetworkTransport().doi("10.5555/x")

    def timed_out(*args: object, **kwargs: object) -> object:
        raise errors.ServiceIsDownError("service timeout")

    monkeypatch.setattr(isbnlib, "meta", timed_out)
    with pytest.raises(FetchFailed, match="no answer within"):
        NetworkTransport().isbn("9780000000019")
