"""Build an attacked project: every injection of the catalogue through every channel.

One project holds the whole catalogue, so one Sphinx build per builder covers
it.  Injection ``i`` gets its own Wikipedia document ``inj-NN`` whose manifest
fields, apparatus entries, bibliography entry (fields and an ``@string``
macro) and glossary entity all carry the payload, each behind a tag such as
``T07`` so a test can find where the value landed.  Three more documents, one
per other seed kind (blog, article, essay), hold every payload in their seed
text.  Bibliography keys are a channel of their own (:data:`KEY_ATTACKS`).
"""

from __future__ import annotations

import hashlib
import json
import shutil
import tomllib
from dataclasses import dataclass
from pathlib import Path

from tests.conftest import ROOT

CATALOGUE = Path(__file__).with_name("injections.toml")

#: channel -> the tag that prefixes the payload there ("" where the value is the payload)
TEXT_CHANNELS = {
    "manifest.title": "T",
    "manifest.authors": "A",
    "manifest.date": "2019-10-22 ",
    "manifest.publisher": "P",
    "manifest.licence": "L",
    "apparatus.locator": "LOC",
    "apparatus.note": "NOTE",
    "apparatus.note-unknown-source": "UNK",
    "bib.title": "BT",
    "bib.note": "BN",
    "bib.howpublished": "BH",
    "bib.macro": "BM",
    "entity.description": "ED",
    "seed.wikipedia": "S",
}
#: channels where the payload is the whole value (a URL field)
URL_CHANNELS = ("manifest.url", "manifest.licence_url", "bib.url")
#: seed kinds other than wikipedia; all payloads go into one seed of each
SEED_KINDS = {"blog": "Blog\n\nA tagline\n\nPost\n\n", "article": "Site\n\nTitle\n\n", "essay": ""}
#: bibliography keys that try to break out of {footcite}/{cite:p}
KEY_ATTACKS = (
    "k`{download}`/../secret.txt`x",
    "k`{math}`x`",
    "k`}{eval-rst}`",
    "k<javascript:alert(1)>",
    "k{{x}}",
)


@dataclass(frozen=True, slots=True)
class Injection:
    number: int
    id: str
    payload: str

    def tag(self, prefix: str) -> str:
        return f"{prefix}{self.number:02d}" if not prefix.endswith(" ") else prefix


def injections() -> list[Injection]:
    data = tomllib.loads(CATALOGUE.read_text(encoding="utf-8"))
    return [Injection(n, i["id"], i["payload"]) for n, i in enumerate(data["injection"])]


def channels() -> list[str]:
    names = [*TEXT_CHANNELS, *URL_CHANNELS, "entity.alias", "apparatus.label"]
    return names + [f"seed.{kind}" for kind in SEED_KINDS]


def _toml(value: str) -> str:
    """A TOML basic string (JSON's escapes are TOML's, with ASCII output)."""
    return json.dumps(value, ensure_ascii=True)


def _balanced(text: str) -> bool:
    depth = 0
    for char in text:
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0


def bib_value(text: str) -> str:
    """A braced BibTeX value; a payload with unbalanced braces has them replaced."""
    return "{" + (text if _balanced(text) else text.replace("{", "(").replace("}", ")")) + "}"


def alias_allowed(payload: str) -> bool:
    """What the entities loader accepts as a name (others are its own errors)."""
    return not any(c in payload for c in "`<>\\{}\n") and payload.strip() == payload


def _seed(text: str) -> str:
    return text if text.endswith("\n") else text + "\n"


def _document(inj: Injection) -> str:
    p = inj.payload
    n = f"{inj.number:02d}"
    return "\n".join(
        [
            "[[document]]",
            f'slug = "inj-{n}"',
            f'file = "inj-{n}.txt"',
            'sha256 = "{sha}"',
            'kind = "wikipedia"',
            f"title = {_toml(inj.tag('T') + ' ' + p)}",
            f"authors = [{_toml(inj.tag('A') + ' ' + p)}]",
            f"date = {_toml('2019-10-22 ' + p)}",
            f"publisher = {_toml(inj.tag('P') + ' ' + p)}",
            f"licence = {_toml(inj.tag('L') + ' ' + p)}",
            f"licence_url = {_toml(p)}",
            f"url = {_toml(p)}",
            f'bibkey = "src{n}"',
            f'apparatus = "apparatus/inj-{n}.toml"',
            "",
        ]
    )


def _apparatus(inj: Injection, extra_keys: tuple[str, ...] = ()) -> str:
    p = inj.payload
    keys = ", ".join(_toml(k) for k in (f"src{inj.number:02d}", *extra_keys))
    return "\n".join(
        [
            "[[marker]]",
            'label = "1"',
            f"keys = [{keys}]",
            f"locator = {_toml(inj.tag('LOC') + ' ' + p)}",
            f"note = {_toml(inj.tag('NOTE') + ' ' + p)}",
            "",
            "[[marker]]",
            'label = "2"',
            "keys = []",
            f"note = {_toml(inj.tag('UNK') + ' ' + p)}",
            "",
            "[[marker]]",
            f"label = {_toml(p)}",
            f'keys = ["src{inj.number:02d}"]',
            "",
        ]
    )


def _bib_entry(inj: Injection) -> str:
    p = inj.payload
    n = f"{inj.number:02d}"
    return (
        f"@string{{mac{n} = {bib_value(inj.tag('BM') + ' ' + p)}}}\n"
        f"@misc{{src{n},\n"
        f"  title = {bib_value(inj.tag('BT') + ' ' + p)},\n"
        f"  note = {bib_value(inj.tag('BN') + ' ' + p)},\n"
        f"  howpublished = {bib_value(inj.tag('BH') + ' ' + p)},\n"
        f"  publisher = mac{n},\n"
        f"  url = {bib_value(p)},\n"
        "  year = {2020},\n"
        "}\n"
    )


def _entity(inj: Injection) -> str:
    n = f"{inj.number:02d}"
    lines = [
        "[[entity]]",
        f'id = "ent-{n}"',
        f'name = "Entity{n}"',
        'type = "organisation"',
        f"description = {_toml(inj.tag('ED') + ' ' + inj.payload)}",
    ]
    if alias_allowed(inj.payload):
        lines.append(f"aliases = [{_toml(inj.payload)}]")
    return "\n".join([*lines, ""])


def build_project(dest: Path) -> Path:
    """Write the attacked project under *dest* and return it."""
    items = injections()
    seeds = dest / "seeds"
    (seeds / "apparatus").mkdir(parents=True)
    docs = dest / "docs"
    docs.mkdir()
    for item in (ROOT / "docs").iterdir():
        if item.is_file() and item.name != "references.bib":
            shutil.copy2(item, docs / item.name)

    manifest = ["version = 1", ""]
    bib = ['@preamble{ "\\input{/etc/passwd}\\immediate\\write18{id}" }', ""]
    for inj in items:
        n = f"{inj.number:02d}"
        seed = _seed(
            f"Title {n}\n\nEntity{n} made a first claim, {inj.tag('S')} {inj.payload} "
            "which ends here.[1]\n\nA second claim follows.[2]\n"
        )
        (seeds / f"inj-{n}.txt").write_text(seed, encoding="utf-8")
        sha = hashlib.sha256(seed.encode()).hexdigest()
        document = _document(inj).replace("{sha}", sha)
        if inj.number == 1:  # the manifest's own bibkey is a channel too
            document = document.replace('bibkey = "src01"', f"bibkey = {_toml(KEY_ATTACKS[0])}")
        manifest.append(document)
        extra = KEY_ATTACKS if inj.number == 0 else ()
        (seeds / "apparatus" / f"inj-{n}.toml").write_text(_apparatus(inj, extra), encoding="utf-8")
        bib.append(_bib_entry(inj))
    for key in KEY_ATTACKS:
        bib.append(
            f"@misc({key},\n  title = {{Key attack}},\n  url = {{https://example.org/}},\n)\n"
        )
    for kind, head in SEED_KINDS.items():
        body = "\n\n".join(f"{inj.tag('K')} {inj.payload} ends." for inj in items)
        seed = _seed(head + body)
        (seeds / f"kind-{kind}.txt").write_text(seed, encoding="utf-8")
        sha = hashlib.sha256(seed.encode()).hexdigest()
        manifest.append(
            "\n".join(
                [
                    "[[document]]",
                    f'slug = "kind-{kind}"',
                    f'file = "kind-{kind}.txt"',
                    f'sha256 = "{sha}"',
                    f'kind = "{kind}"',
                    f'title = "All payloads in a {kind} seed"',
                    "",
                ]
            )
        )
    (seeds / "manifest.toml").write_text("\n".join(manifest), encoding="utf-8")
    (docs / "references.bib").write_text("\n".join(bib), encoding="utf-8")
    entities = ["version = 1", ""] + [_entity(inj) for inj in items]
    (seeds / "entities.toml").write_text("\n".join(entities), encoding="utf-8")
    return dest
