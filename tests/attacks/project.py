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

    @property
    def one_line(self) -> bool:
        """Whether the payload can stand in a one-line field (the schema refuses controls)."""
        return self.payload.replace("\t", " ").isprintable()

    def tag(self, prefix: str) -> str:
        return f"{prefix}{self.number:02d}" if not prefix.endswith(" ") else prefix


def injections() -> list[Injection]:
    data = tomllib.loads(CATALOGUE.read_text(encoding="utf-8"))
    return [Injection(n, i["id"], i["payload"]) for n, i in enumerate(data["injection"])]


def channels() -> list[str]:
    names = [*TEXT_CHANNELS, *URL_CHANNELS, "entity.alias", "apparatus.label"]
    names += ["manifest.bibkey", "apparatus.keys"]  # the key attacks, cycled over injections
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
    n = f"{inj.number:02d}"
    return "\n".join(
        [
            "[[document]]",
            f'slug = "inj-{n}"',
            f'file = "inj-{n}.txt"',
            'sha256 = "{sha}"',
            'kind = "wikipedia"',
            *_one_line_fields(inj, inj.one_line),
            f'authors = ["Author {n}"]',
            'date = "2019-10-22"',
            f'licence_url = "https://example.org/licence/{n}"',
            f'url = "https://example.org/source/{n}"',
            f'bibkey = "src{n}"',
            f'apparatus = "apparatus/inj-{n}.toml"',
            "",
        ]
    )


def _one_line_fields(inj: Injection, payload: bool) -> list[str]:
    """Title, publisher and licence: the payload, or plain values that always load."""
    if not payload:
        n = f"{inj.number:02d}"
        return [f'title = "Plain {n}"', f'publisher = "Publisher {n}"', 'licence = "A licence"']
    return [
        f"{key} = {_toml(inj.tag(tag) + ' ' + inj.payload)}"
        for key, tag in (("title", "T"), ("publisher", "P"), ("licence", "L"))
    ]


def _rejected_document(inj: Injection) -> str:
    """Fields with a grammar (names, date, URLs, keys, labels) carry the payload: refused."""
    p = inj.payload
    n = f"{inj.number:02d}"
    return "\n".join(
        [
            "[[document]]",
            f'slug = "rej-{n}"',
            f'file = "inj-{n}.txt"',
            'sha256 = "{sha}"',
            'kind = "wikipedia"',
            *_one_line_fields(inj, not inj.one_line),
            f"authors = [{_toml(inj.tag('A') + ' ' + p)}]",
            f"date = {_toml('2019-10-22 ' + p)}",
            f"licence_url = {_toml(p)}",
            f"url = {_toml(p)}",
            f"bibkey = {_toml(KEY_ATTACKS[inj.number % len(KEY_ATTACKS)])}",
            f'apparatus = "apparatus/rej-{n}.toml"',
            "",
        ]
    )


def _rejected_apparatus(inj: Injection) -> str:
    key = KEY_ATTACKS[inj.number % len(KEY_ATTACKS)]
    return "\n".join(["[[marker]]", 'label = "1"', f"keys = [{_toml(key)}]", ""])


def _label_document(inj: Injection) -> str:
    """A document valid but for one apparatus label: the label is refused where it stands."""
    n = f"{inj.number:02d}"
    return "\n".join(
        [
            "[[document]]",
            f'slug = "lab-{n}"',
            f'file = "inj-{n}.txt"',
            'sha256 = "{sha}"',
            'kind = "wikipedia"',
            f'title = "Label {n}"',
            f'apparatus = "apparatus/lab-{n}.toml"',
            "",
        ]
    )


def _label_apparatus(inj: Injection) -> str:
    return "\n".join(["[[marker]]", f"label = {_toml(inj.payload)}", "keys = []", ""])


def _apparatus(inj: Injection) -> str:
    p = inj.payload
    return "\n".join(
        [
            "[[marker]]",
            'label = "1"',
            f'keys = ["src{inj.number:02d}"]',
            f"locator = {_toml(inj.tag('LOC') + ' ' + p)}",
            f"note = {_toml(inj.tag('NOTE') + ' ' + p)}",
            "",
            "[[marker]]",
            'label = "2"',
            "keys = []",
            f"note = {_toml(inj.tag('UNK') + ' ' + p)}",
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


def _write_document(seeds: Path, table: str, seed: str, apparatus: str | None) -> None:
    """One ``[[document]]`` table of the old shape as a document folder (slug from the table)."""
    lines = table.split("\n")
    slug = next(line for line in lines if line.startswith("slug = "))[len('slug = "') : -1]
    kept = [
        line
        for line in lines
        if line != "[[document]]" and not line.startswith(("slug = ", "file = ", "apparatus = "))
    ]
    folder = seeds / slug
    folder.mkdir(parents=True)
    (folder / "extract.txt").write_text(seed, encoding="utf-8")
    (folder / "document.toml").write_text("\n".join(kept).strip("\n") + "\n", encoding="utf-8")
    if apparatus is not None:
        (folder / "apparatus.toml").write_text(apparatus, encoding="utf-8")


def _write_entity(seeds: Path, table: str) -> None:
    lines = table.split("\n")
    entity_id = next(line for line in lines if line.startswith("id = "))[len('id = "') : -1]
    kept = [line for line in lines if line != "[[entity]]" and not line.startswith("id = ")]
    (seeds / "entities" / f"{entity_id}.toml").write_text("\n".join(kept), encoding="utf-8")


def build_project(dest: Path) -> Path:
    """Write the attacked project under *dest* and return it (the corpus's folder layout)."""
    items = injections()
    seeds = dest / "seeds"
    (seeds / "entities").mkdir(parents=True)
    docs = dest / "docs"
    (docs / "references").mkdir(parents=True)
    for item in (ROOT / "docs").iterdir():
        if item.is_file():
            shutil.copy2(item, docs / item.name)
    preamble = '@preamble{ "\\input{/etc/passwd}\\immediate\\write18{id}" }\n\n'
    for inj in items:
        n = f"{inj.number:02d}"
        seed = _seed(
            f"Title {n}\n\nEntity{n} made a first claim, {inj.tag('S')} {inj.payload} "
            "which ends here.[1]\n\nA second claim follows.[2]\n"
        )
        sha = hashlib.sha256(seed.encode()).hexdigest()
        _write_document(seeds, _document(inj).replace("{sha}", sha), seed, _apparatus(inj))
        _write_document(
            seeds, _rejected_document(inj).replace("{sha}", sha), seed, _rejected_apparatus(inj)
        )
        _write_document(
            seeds, _label_document(inj).replace("{sha}", sha), seed, _label_apparatus(inj)
        )
        (docs / "references" / f"src{n}.bib").write_text(
            (preamble if inj is items[0] else "") + _bib_entry(inj), encoding="utf-8"
        )
        _write_entity(seeds, _entity(inj))
    for number, key in enumerate(KEY_ATTACKS):
        # a key that cannot name its file: the entry stands in a file of another name
        (docs / "references" / f"keyattack{number}.bib").write_text(
            f"@misc({key},\n  title = {{Key attack}},\n  url = {{https://example.org/}},\n)\n",
            encoding="utf-8",
        )
    for kind, head in SEED_KINDS.items():
        body = "\n\n".join(f"{inj.tag('K')} {inj.payload} ends." for inj in items)
        seed = _seed(head + body)
        sha = hashlib.sha256(seed.encode()).hexdigest()
        table = "\n".join(
            [
                "[[document]]",
                f'slug = "kind-{kind}"',
                f'sha256 = "{sha}"',
                f'kind = "{kind}"',
                f'title = "All payloads in a {kind} seed"',
                "",
            ]
        )
        _write_document(seeds, table, seed, None)
    return dest
