"""The extension's configuration, declared in one place.

Each value has its type, default, description and a validator; ``register``
declares them to Sphinx (``add_config_value`` with ``types`` and
``description``) and ``validate`` refuses a bad value when the configuration
is read, with the ``conf.py`` line that set it.  ``docs/manual/configuration.md``
lists them with the ``sourcebook-config`` directive, which reads this table,
so the page cannot drift from the code.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ConfigError
from sphinx.util.docutils import SphinxDirective

from sourcebook.core.diagnostics import Code, Diagnostic
from sourcebook.core.lines import LineIndex
from sourcebook.core.links import safe_href

#: the type of every warning the extension emits; the subtype is the code, e.g.
#: ``suppress_warnings = ["sourcebook.SB804"]``
WARNING_TYPE = "sourcebook"


def _relative_dir(value: str) -> str | None:
    if value and Path(value).is_absolute():
        return "must be relative to the directory of conf.py"
    return None


def _subdirectory(value: str) -> str | None:
    path = PurePosixPath(value.replace("\\", "/"))
    if not value.strip() or path == PurePosixPath("."):
        return (
            "must name a subdirectory of the source directory (e.g. 'corpus'), "
            "not the source directory itself"
        )
    if path.is_absolute() or ".." in path.parts:
        return "must be a subdirectory inside the source directory, without '..'"
    return None


def _count(value: int) -> str | None:
    if isinstance(value, bool):
        return "must be int, not bool"
    if value < 0:
        return "must be 0 or more"
    return None


def _percent(value: int) -> str | None:
    return _count(value) or (None if value <= 100 else "must be 100 or less")


def _search(value: str) -> str | None:
    engines = ("pagefind", "shards", "sphinx")
    return None if value in engines else "must be 'pagefind', 'shards' or 'sphinx'"


def _docname(value: str) -> str | None:
    if value.startswith("/") or value.endswith((".md", ".rst")):
        return "is a docname: relative to the source directory, without a suffix"
    return None


def _link(value: str) -> str | None:
    return None if safe_href(value) else "must be a web link or a path relative to the pages"


@dataclass(frozen=True, slots=True)
class Option:
    """One configuration value of the extension."""

    name: str
    default: object
    types: tuple[type, ...]
    description: str
    rebuild: str = "env"
    check: Callable[[Any], str | None] | None = None


OPTIONS: tuple[Option, ...] = (
    Option(
        "sourcebook_root",
        "..",
        (str,),
        "The project directory holding ``seeds/`` and ``docs/references/``, relative to "
        "the directory of ``conf.py``. An empty string turns page generation off.",
        check=_relative_dir,
    ),
    Option(
        "sourcebook_pages_dir",
        "corpus",
        (str,),
        "The subdirectory of the source directory that receives the generated pages. The "
        "generator owns it: it records the files it writes there and deletes only those, "
        "and refuses a directory holding files it did not write (SB800).",
        check=_subdirectory,
    ),
    Option(
        "sourcebook_claims_page",
        "claims",
        (str,),
        "Docname of the page with the claims list; claim flags link there. An empty "
        "string leaves flags unlinked.",
        check=_docname,
    ),
    Option(
        "sourcebook_link_entities",
        False,
        (bool,),
        "Link the first mention of each known entity (``seeds/entities/``) on a "
        "document page to its glossary entry.",
    ),
    Option(
        "sourcebook_bounded_navigation",
        True,
        (bool,),
        "Give the theme a sidebar that lists the collections and the path to the current "
        "page, not every document, so its size does not grow with the corpus. Turn it off "
        "to get the theme's whole-site navigation back (quadratic in the number of pages).",
        rebuild="html",
    ),
    Option(
        "sourcebook_refuse_errors",
        True,
        (bool,),
        "Stop the build, before any page is generated, when ``sourcebook check`` reports an "
        "error (its located messages are printed; exit status 1). Only the attack-catalogue "
        "tests turn it off, to prove the inner walls hold on their own.",
    ),
    Option(
        "sourcebook_doctree_cache",
        1000,
        (int,),
        "The most doctrees kept in memory between reading the documents and writing the "
        "pages (Sphinx keeps every one, about 1 MB each, so memory would grow with the "
        "corpus). The oldest are evicted past it and read back from their pickles when "
        "their page is written, at the cost of unpickling them; 0 keeps none.",
        rebuild="",
        check=_count,
    ),
    Option(
        "sourcebook_isolate_from",
        200,
        (int,),
        "When ``seeds/`` holds at least this many documents and the inputs changed since the "
        "last build (the checker or the page generator has work), the gate and the page "
        "generator run in a child process, which hands back only what the build needs: "
        "what they allocate (in proportion to the corpus) is returned to the system "
        "instead of staying in the Sphinx process for the whole build. Starting the child "
        "costs about a CPU second, so smaller corpora, no-op rebuilds and rebuilds after "
        "edits to the files of at most 8 document folders (nothing else changed) stay "
        "in-process; 0 always uses the child.",
        rebuild="",
        check=_count,
    ),
    Option(
        "sourcebook_manual_url",
        "../manual/",
        (str,),
        "Where the contributor's manual (``docs/manual``, ``nox -s manual``) is published, "
        "relative to the book's pages or a web address; the ``{manual}`` role links to it "
        "in the HTML book. The default fits the build layout: ``docs/_build/manual`` beside "
        "``docs/_build/html``.",
        check=_link,
    ),
    Option(
        "sourcebook_search",
        "shards",
        (str,),
        "The HTML site's search (default ``shards``, since its index is made again only for the "
        "pages that changed and a first search stays under 500 KB at 10,000 documents, where "
        "Pagefind's grew past 1 MB: docs/manual/performance.md): ``pagefind`` indexes the "
        "built pages with Pagefind into "
        "``_pagefind/`` (a first search downloads a few hundred KB whatever the size of the "
        "corpus; needs the site served over HTTP) and Sphinx's ``searchindex.js`` is not "
        "built; ``shards`` makes sourcebook's own index into ``_search/``, in small files, "
        "again only for the pages that changed (a first search downloads a bounded amount, "
        "also from ``file://``; the manual's search page), without ``searchindex.js`` "
        "either; ``sphinx`` keeps Sphinx's own index (one file holding every term, "
        "downloaded whole, which also works from ``file://``).",
        check=_search,
        rebuild="html",
    ),
    Option(
        "sourcebook_search_delta_percent",
        0,
        (int,),
        "With Pagefind, index only the pages a build changed into a second bundle "
        "(``_pagefind_delta/``) merged at search time, until it holds more than this "
        "percentage of the pages (at least 20); then the whole site is indexed again. "
        "0 (the default) indexes the whole site on every build that writes a page. A "
        "preview setting for authors: a merged search finds the same pages, never an "
        "edited page's old text, but ranks them by each bundle's own word statistics, "
        "and a word found only in the second bundle can make the first answer with "
        "longer words it starts (the manual's performance page measures both).",
        rebuild="",
        check=_percent,
    ),
)


def config_location(app: Sphinx, name: str) -> tuple[str, int, int]:
    """Where *name* is set: ``conf.py`` and the line of its last assignment (else line 1)."""
    conf = Path(app.confdir) / "conf.py"
    try:
        text = conf.read_text(encoding="utf-8")
    except OSError:
        return "conf.py", 1, 1
    # the last assignment is the one in force
    starts = [m.start() for m in re.finditer(rf"^{re.escape(name)}\s*[:=]", text, re.M)]
    line, col = LineIndex(text).position(starts[-1]) if starts else (1, 1)
    return "conf.py", line, col


def problem(option: Option, value: object) -> str | None:
    """What is wrong with *value* for *option*, or ``None``."""
    if not isinstance(value, option.types):
        expected = " or ".join(t.__name__ for t in option.types)
        return f"must be {expected}, not {type(value).__name__}"
    return option.check(value) if option.check else None


def validate(app: Sphinx, config: Config) -> None:
    """Refuse a bad value before the build starts, pointing at its line in conf.py."""
    for option in OPTIONS:
        value = config[option.name]
        message = problem(option, value)
        if message:
            path, line, col = config_location(app, option.name)
            diag = Diagnostic(
                path, line, col, Code.BAD_CONFIG, f"{option.name} = {value!r} {message}"
            )
            raise ConfigError(diag.format())


def _inline(text: str) -> list[nodes.Node]:
    """Plain text with ``literal`` spans; descriptions are data, never parsed as markup."""
    parts = text.split("``")
    return [nodes.literal(text=p) if i % 2 else nodes.Text(p) for i, p in enumerate(parts) if p]


class ConfigTableDirective(SphinxDirective):
    """``sourcebook-config``: every configuration value, its type, default and meaning."""

    def run(self) -> list[nodes.Node]:
        table = nodes.definition_list(classes=["sourcebook-config"])
        for option in OPTIONS:
            term = nodes.term(ids=[nodes.make_id(f"confval-{option.name}")])
            term += nodes.literal(text=option.name)
            types = " or ".join(t.__name__ for t in option.types)
            term += nodes.Text(f" ({types}, default {option.default!r})")
            para = nodes.paragraph()
            para.extend(_inline(option.description))
            table += nodes.definition_list_item("", term, nodes.definition("", para))
        return [table]


def register(app: Sphinx) -> None:
    for option in OPTIONS:
        app.add_config_value(
            option.name,
            option.default,
            option.rebuild,  # type: ignore[arg-type]
            types=option.types,
            description=option.description,
        )
    app.connect("config-inited", validate)
    app.add_directive("sourcebook-config", ConfigTableDirective)
