"""In-text citations: Chicago author–date (``Raw 2009``), never a bare number.

Notes on a page are numbered; a citation label such as ``[1]`` would be
confused with them, so citations name author and year instead.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sphinxcontrib.bibtex.style.referencing import BracketStyle
from sphinxcontrib.bibtex.style.referencing.author_year import AuthorYearReferenceStyle


@dataclass
class SourcebookReferenceStyle(AuthorYearReferenceStyle):
    """``{cite:label}`raw2009striking``` -> ``Raw 2009``: the entry's own label, unbracketed.

    Labels come from the bibliography style (disambiguated ``2016a``/``2016b``),
    so a note and the entry it links to always read the same.
    """

    author_year_sep: str = " "
    bracket_label: BracketStyle = field(default_factory=lambda: BracketStyle(left="", right=""))
