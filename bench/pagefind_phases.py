"""Where Pagefind's CPU goes on a built site: reading pages, building the index, compressing.

Talks to the indexer binary through its service mode (``pagefind_extended
--service``, the protocol of the ``pagefind`` package: base64 JSON messages
ended by commas), with the options the build uses (sphinxext/pagefind.py),
and reads the service process's CPU seconds (``/proc/PID/stat``, all its
threads) after each phase:

* ``add``: the pages given to it, in one of three ways: ``dir`` (it reads
  the site itself, as the build's command does), ``html`` (each page's HTML
  sent as a string) or ``record`` (each page's main text, extracted here with
  lxml, sent as a custom record: no HTML for it to parse; the extraction's
  own CPU is not counted);
* ``write``: building the index and writing the bundle into an empty folder;
* ``write_kept``: the same into a folder holding the fragments of an earlier
  index of the same site (what the build keeps, sphinxext/pagefindkeep.py):
  Pagefind does not compress again a fragment whose file exists;
* ``write_all_kept``: the same again into the folder just written (every
  fragment and index chunk exists): building the index, nothing compressed.

    python bench/pagefind_phases.py SITE --repeat 3 --results FILE
"""

from __future__ import annotations

import argparse
import base64
import itertools
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from pagefind_bin_extended import get_executable

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from run import _commit, write_record  # noqa: E402

from sourcebook.sphinxext.pagefind import EXCLUDE, ROOT_SELECTOR, SKIP_PAGES, glob  # noqa: E402

LISTINGS = frozenset({"glossary.html", "claims.html"})
TICK = os.sysconf("SC_CLK_TCK")


def cpu(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK


class Service:
    """One ``pagefind --service`` process; requests go out at once, replies come on a thread."""

    def __init__(self) -> None:
        self.proc = subprocess.Popen(
            [str(get_executable()), "--service"], stdin=subprocess.PIPE, stdout=subprocess.PIPE
        )
        self.sent = 0
        self.replies: dict[int, dict[str, Any]] = {}
        self.cond = threading.Condition()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        buffer = b""
        while chunk := self.proc.stdout.read1(1 << 16):
            *done, buffer = (buffer + chunk).split(b",")
            for item in done:
                reply = json.loads(base64.b64decode(item))
                with self.cond:
                    self.replies[reply.get("message_id")] = reply["payload"]
                    self.cond.notify_all()

    def send(self, payload: dict[str, Any]) -> int:
        assert self.proc.stdin is not None
        self.sent += 1
        message = {"message_id": self.sent, "payload": payload}
        self.proc.stdin.write(base64.b64encode(json.dumps(message).encode()) + b",")
        self.proc.stdin.flush()
        return self.sent

    def wait(self, ids: list[int]) -> list[dict[str, Any]]:
        with self.cond:
            self.cond.wait_for(lambda: all(i in self.replies for i in ids))
            replies = [self.replies[i] for i in ids]
        errors = [r for r in replies if r.get("type") == "Error"]
        if errors:
            raise RuntimeError(errors[0])
        return replies

    def cpu(self) -> float:
        return cpu(self.proc.pid)

    def close(self) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.close()
        self.proc.wait()


def pages(site: Path) -> list[str]:
    """The pages the build indexes (every page but the search page, the index and listings)."""
    skip = SKIP_PAGES | LISTINGS
    found = (p.relative_to(site).as_posix() for p in sorted(site.rglob("*.html")))
    return [p for p in found if p not in skip and not p.startswith("_")]


def url(page: str) -> str:
    return "/" + page.removesuffix("index.html")


def main_text(html: str) -> tuple[str, str]:
    """The main article's text without :data:`EXCLUDE`, and its first heading."""
    import lxml.html

    article = lxml.html.fromstring(html).xpath("//article[@role='main']")[0]
    for selector in EXCLUDE:
        name = selector.lstrip(".")
        test = f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"
        for element in article.xpath(f".//*[{test}]"):
            element.drop_tree()
    heading = article.xpath(".//h1")
    return article.text_content(), heading[0].text_content() if heading else ""


def requests(mode: str, site: Path, index: int) -> list[dict[str, Any]]:
    if mode == "dir":
        glob_ = glob(site, LISTINGS)
        return [{"type": "AddDir", "index_id": index, "path": str(site), "glob": glob_}]
    texts = {page: (site / page).read_text(encoding="utf-8") for page in pages(site)}
    if mode == "html":
        return [
            {"type": "AddFile", "index_id": index, "url": url(p), "file_path": None,
             "file_contents": html}
            for p, html in texts.items()
        ]  # fmt: skip
    records = []
    for page, html in texts.items():
        content, title = main_text(html)
        records.append(
            {"type": "AddRecord", "index_id": index, "url": url(page), "content": content,
             "language": "en", "meta": {"title": title}, "filters": None, "sort": None}
        )  # fmt: skip
    return records


def one_run(mode: str, site: Path, kept_from: Path, work: Path) -> dict[str, float]:
    """The CPU seconds of each phase of one index of *site*."""
    service = Service()
    config = {
        "root_selector": ROOT_SELECTOR,
        "exclude_selectors": list(EXCLUDE),
        "force_language": "en",
    }
    (new,) = service.wait([service.send({"type": "NewIndex", "config": config})])
    index = new["index_id"]
    to_send = requests(mode, site, index)
    times = {"start": service.cpu()}
    service.wait([service.send(r) for r in to_send])
    times["add"] = service.cpu()
    outputs = {"write": work / "empty", "write_kept": work / "kept"}
    shutil.copytree(kept_from / "fragment", outputs["write_kept"] / "fragment")
    for phase in ("write", "write_kept"):
        write = {"type": "WriteFiles", "index_id": index, "output_path": str(outputs[phase])}
        service.wait([service.send(write)])
        times[phase] = service.cpu()
    write = {"type": "WriteFiles", "index_id": index, "output_path": str(outputs["write"])}
    service.wait([service.send(write)])
    times["write_all_kept"] = service.cpu()
    service.close()
    order = ["start", "add", "write", "write_kept", "write_all_kept"]
    return {b: round(times[b] - times[a], 3) for a, b in itertools.pairwise(order)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path, help="a built site (docs/_build/html)")
    parser.add_argument("--modes", nargs="+", default=["dir", "html", "record"])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--results", type=Path, required=True)
    args = parser.parse_args(argv)
    results: dict[str, object] = {}
    with tempfile.TemporaryDirectory(prefix="pagefind-phases-") as tmp:
        earlier = Path(tmp) / "earlier"  # an earlier index of the same site: its fragments
        from sourcebook.sphinxext.pagefind import command

        subprocess.run(command(args.site, earlier, "en", LISTINGS), check=True)
        for mode in args.modes:
            runs = []
            for i in range(args.repeat):
                runs.append(one_run(mode, args.site, earlier, Path(tmp) / f"{mode}-{i}"))
            results[mode] = {
                phase: round(statistics.median(r[phase] for r in runs), 3) for phase in runs[0]
            } | {"runs": runs}
            print(mode, json.dumps(results[mode]), flush=True)
    record = {
        "meta": (
            f"Measured {time.strftime('%Y-%m-%d', time.gmtime())} on {platform.machine()}, "
            f"{os.cpu_count()} CPUs, Python {platform.python_version()}, tree at {_commit()}; "
            f"CPU seconds of the Pagefind service process per phase, median of {args.repeat}."
        ),
        "site": str(args.site),
        "pages": len(pages(args.site)),
        "html_bytes": sum((args.site / p).stat().st_size for p in pages(args.site)),
        "results": results,
    }
    write_record(args.results, record)
    print(f"wrote {args.results}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
