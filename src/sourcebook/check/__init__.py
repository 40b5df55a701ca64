"""``sourcebook check``: the contributor's audit of the corpus (SPEC §5).

The modules follow the flow of one run:

* :mod:`~sourcebook.check.bibrules` -- entry rules for ``docs/references/``
  (required fields, dates, ISBN/ISSN, links -- by :mod:`sourcebook.core.urls`, the URL rules
  the contributor files share, outside this package so reading them imports no
  checker -- unsafe text);
* :mod:`~sourcebook.check.audit` -- markers of the seeds against the apparatus and
  the bibliography;
* :mod:`~sourcebook.check.ratchet` -- the committed baseline of unresolved claims;
* :mod:`~sourcebook.check.run` -- one run joining them into a report;
* :mod:`~sourcebook.check.report` -- the report as text lines or versioned JSON;
* :mod:`~sourcebook.check.command` -- the command line.

Nothing here imports Sphinx or docutils: the check must stay fast.
"""

from __future__ import annotations

from sourcebook.check.command import main
from sourcebook.check.report import CheckReport
from sourcebook.check.run import run_check

__all__ = ["CheckReport", "main", "run_check"]
