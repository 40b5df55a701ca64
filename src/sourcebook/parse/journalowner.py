"""A journal's owner above its title: the user name, then the journal's name.

Journal platforms (LiveJournal, Dreamwidth) print the owner's user name on the
page's first line and the journal's own title under it ("greywether" / "Notes
from the Fen Edge").  Read by the header's roles, the user name becomes the site
and the journal's title its tagline.  A user name has a form no site's name has:
one lower-case token of letters, digits, "_" or "-".  When the site the header
took has that form and a tagline stands under it, the user name is the author
(when the page names none) and the tagline line is the site.
"""

from __future__ import annotations

import re

from sourcebook.model import MetaField
from sourcebook.parse.state import ParseState

_HANDLE = re.compile(r"[a-z0-9][a-z0-9_\-]{2,30}")


def journal_owner(state: ParseState) -> None:
    """Swap a user name read as the site for the journal's title under it."""
    site, tagline = state.header.get("site"), state.header.get("tagline")
    if site is None or tagline is None or not _HANDLE.fullmatch(site):
        return
    line = next((d.line for d in state.decisions if d.became == "site"), None)
    if line is None or any(f.name == "author" for f in state.metadata):
        return
    state.header["site"] = tagline
    del state.header["tagline"]
    state.metadata.append(MetaField("author", site, line))
    state.metadata.sort(key=lambda f: f.line)
    state.decide(line, "metadata (author)", "journal_owner: a user name above the title", 0.8)


__all__ = ["journal_owner"]
