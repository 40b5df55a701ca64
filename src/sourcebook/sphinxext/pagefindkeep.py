"""The fragments of unchanged pages, kept from one Pagefind index to the next.

Pagefind has no incremental mode: a build that changed one page indexes the
whole site again.  Of its CPU, about a quarter went on compressing every
page's fragment (the text a result shows) at gzip's best level, although
after a one-seed edit all but a few are the same bytes as before
(``bench/results-pagefind-phases-300-s22e.json``).  Pagefind names a fragment
by a hash of its content and does not write a fragment whose file exists
already: its own behaviour when it indexes into an existing bundle.  So the
new bundle first receives, as hard links, the fragments of the pages whose
HTML is byte for byte what was indexed last time (a record in the doctree
directory: each page's SHA-256 and its fragment's name, with the settings
the index was made with), and Pagefind compresses only the others.

A fragment's name is seven hex digits of its hash.  Should a changed page's
fragment get the name of a kept one, Pagefind lengthens one of the two names
(its rule for names that collide within one index), and a name that starts
with a kept one shows it: the index is then made again from nothing, so a
kept file never stands for another page's text.  Kept fragments the new
index does not name are removed, and with them a record that no longer fits.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sourcebook.core.files import write_atomic

#: the record, in the doctree directory
RECORD = "sourcebook-pagefind.json"
FRAGMENTS = "fragment"
SUFFIX = ".pf_fragment"
#: what Pagefind puts before the JSON of each of its files (after decompressing)
SIGNATURE = b"pagefind_dcd"


@dataclass(frozen=True, slots=True)
class Kept:
    """The fragments linked into a new bundle: name -> (the page it is of, its SHA-256)."""

    pages: dict[str, tuple[str, str]]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_pages(path: Path, key: str, expected: str) -> dict[str, Any]:
    """The ``pages`` of the JSON record *path* if its *key* is *expected*, else nothing."""
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(record, dict) or record.get(key) != expected:
        return {}
    pages = record.get("pages")
    return pages if isinstance(pages, dict) else {}


def read_record(path: Path, settings: str) -> dict[str, list[str]]:
    """Page -> [SHA-256, fragment name] from the record, if it was made with *settings*."""
    return read_pages(path, "settings", settings)


def seed(site: Path, bundle: Path, fresh: Path, record: Path, settings: str) -> Kept:
    """Link into *fresh* the fragments of *bundle* whose page in *site* is unchanged."""
    kept: dict[str, tuple[str, str]] = {}
    old = bundle / FRAGMENTS
    if not old.is_dir():
        return Kept(kept)
    (fresh / FRAGMENTS).mkdir(parents=True)
    for page, entry in read_record(record, settings).items():
        sha, name = entry
        source, page_file = old / f"{name}{SUFFIX}", site / page
        if not (source.is_file() and page_file.is_file()) or digest(page_file) != sha:
            continue
        target = fresh / FRAGMENTS / source.name
        try:
            os.link(source, target)
        except OSError:  # a file system without hard links
            shutil.copyfile(source, target)
        kept[name] = (page, sha)
    return Kept(kept)


def _cbor_text(text: str) -> bytes:
    """*text* as the CBOR text string Pagefind's page list holds it in."""
    data = text.encode("utf-8")
    if len(data) < 24:
        return bytes([0x60 + len(data)]) + data
    return bytes([0x78, len(data)]) + data if len(data) < 256 else b"\x00"


def page_list(fresh: Path) -> bytes | None:
    """The new index's metadata (its page list names every fragment), or ``None``."""
    try:
        entry = json.loads((fresh / "pagefind-entry.json").read_text(encoding="utf-8"))
        metas = [
            gzip.decompress((fresh / f"pagefind.{language['hash']}.pf_meta").read_bytes())
            for language in entry["languages"].values()
        ]
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    return b"".join(metas)


def page_of(fragment: Path) -> str | None:
    """The site-relative file of the page a fragment is of, from the URL it holds."""
    try:
        data = gzip.decompress(fragment.read_bytes())
        url = json.loads(data.removeprefix(SIGNATURE))["url"]
    except (OSError, ValueError, KeyError, TypeError, EOFError):
        return None
    if not isinstance(url, str) or not url.startswith("/"):
        return None
    page = url[1:]
    return f"{page}index.html" if page == "" or page.endswith("/") else page


def _new_fragments(fresh: Path, kept: Kept) -> dict[str, str | None] | None:
    """The fragments Pagefind wrote (name -> page), or ``None`` when a kept one is suspect.

    Suspect: a written name that extends a kept one (the collision the module's
    docstring describes), or a page whose kept fragment was written again
    under another name (then the kept name may stand for other text).
    """
    written: dict[str, str | None] = {}
    for fragment in (fresh / FRAGMENTS).glob(f"*{SUFFIX}"):
        name = fragment.name.removesuffix(SUFFIX)
        if name in kept.pages:
            continue
        if any(name.startswith(known) for known in kept.pages):
            return None
        written[name] = page_of(fragment)
    if {page for page, _ in kept.pages.values()} & set(written.values()):
        return None
    return written


def settle(site: Path, fresh: Path, kept: Kept, record: Path, settings: str) -> bool:
    """Check the new bundle against what was kept, drop kept fragments it does not
    name, and record each page's SHA-256 and fragment; false (and no record) when
    the bundle cannot be trusted: make it again from nothing.
    """
    names, written = page_list(fresh), _new_fragments(fresh, kept)
    if names is None or written is None:
        record.unlink(missing_ok=True)
        return False
    pages: dict[str, list[str]] = {}
    for name, (page, sha) in kept.pages.items():
        if _cbor_text(name) in names:
            pages[page] = [sha, name]
        else:
            (fresh / FRAGMENTS / f"{name}{SUFFIX}").unlink()
    for name, new_page in written.items():
        if new_page is not None and _cbor_text(name) in names and (site / new_page).is_file():
            pages[new_page] = [digest(site / new_page), name]
    text = json.dumps({"settings": settings, "pages": pages}, sort_keys=True)
    write_atomic(record, text, durable=False)
    return True
