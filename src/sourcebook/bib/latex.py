"""Which TeX in a field value the reader decodes, shows literally, or must refuse.

The reader renders bibliography fields through pybtex, which decodes LaTeX
with :mod:`latexcodec` (``Text.from_latex``): accents and symbols such as
``\\v{c}``, ``\\"o``, ``\\ss`` and ``--`` become Unicode.  So the same codec
judges here: a control word it decodes is plain text.  Of the rest, common
formatting commands (``\\emph``) are harmless but shown literally; anything
else (``\\input``, ``\\write``, ``\\def``, an unknown macro) could become
active in a TeX pipeline and is refused.

>>> classify("input"), classify("v"), classify("ss"), classify("emph"), classify("c", "{S}")
('active', 'decoded', 'decoded', 'formatting', 'decoded')
>>> [m.group(1) for m in CONTROL_WORD.finditer(r"\\v{c} \\"o {\\'e} \\input{x}")]
['v', 'input']
"""

from __future__ import annotations

import codecs
import functools
import re
from typing import Literal

import latexcodec  # noqa: F401  (registers the "ulatex" codec)

#: a TeX control word; control symbols (``\\&``, ``\\'``) escape or accent one character
CONTROL_WORD = re.compile(r"\\([A-Za-z@]+)")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: formatting that changes how text looks, never what TeX does; pybtex prints it literally
FORMATTING = _words(
    "emph em textit textbf textsc textsl textup textmd textrm textsf texttt textnormal "
    "textsuperscript textsubscript mkbibquote mkbibemph mkbibitalic mkbibbold enquote mbox "
    "hbox url nolinkurl noopsort relax it bf sc sl tt rm sf upshape itshape bfseries "
    "scshape mdseries ensuremath NoCaseChange MakeUppercase MakeLowercase uppercase "
    "lowercase LaTeX TeX BibTeX XeTeX LuaTeX small footnotesize large Large nobreakspace "
    "space quad qquad ldots dots textellipsis hyphen slash bibstring mkpageprefix psq psqq "
    "pno ppno nopp cite citeauthor citetitle frac sqrt log exp sin cos tan mathrm mathit "
    "mathbf mathcal mathsf mathtt text arabic "
    # accent commands on a letter with no precomposed Unicode form (\u{c}): shown as written
    "u v H t c d b k r G U "
)

Kind = Literal["decoded", "formatting", "active"]


#: what an accent command applies to: ``{c}``, ``{\\i}`` or a single letter after a space
_ARGUMENT = re.compile(r"\s*(?:\{\\?[A-Za-z]{0,2}\}|[A-Za-z](?![A-Za-z]))?")


def classify_at(text: str, match: re.Match[str]) -> Kind:
    """What the control word *match* in *text* is, judged with its argument (``\\c{S}``)."""
    argument = _ARGUMENT.match(text, match.end())
    return classify(match.group(1), argument.group() if argument else "")


@functools.cache
def classify(name: str, argument: str = "{a}") -> Kind:
    """What ``\\name`` followed by *argument* is to the reader (cached per pair)."""
    decoded: str = codecs.decode(f"\\{name}{argument}", "ulatex")  # type: ignore[call-overload]
    if re.search(rf"\\{re.escape(name)}(?![A-Za-z@])", decoded) is None:
        return "decoded"
    return "formatting" if name in FORMATTING else "active"
