"""Where the page itself starts, below the chrome printed above it.

A consent banner (:mod:`.consent`) and a navigation bar above the masthead
(:mod:`.menu`) are removed first; the rules that want the site's name "on the first
line", or a masthead "near the top", read the page's top below them.
"""

from __future__ import annotations

from sourcebook.parse.state import ParseState

CONSENT_REASON = "consent banner"
CONSENT_RULE = "consent: a cookie notice and its buttons above the page"
NAV_BAR_RULE = "menu: a navigation bar (a menu toggle and items) above the masthead"


def banner_lines(state: ParseState) -> int:
    """The last line of the chrome removed above the page (0 when none): a consent
    banner, a navigation bar; the page's own top starts below it."""
    starts = {d.line for d in state.decisions if d.rule in (CONSENT_RULE, NAV_BAR_RULE)}
    return max((r.line + r.text.count("\n") for r in state.removed if r.line in starts), default=0)


def page_top(state: ParseState) -> int:
    """The page's first line: the text's first non-blank line below any consent banner
    (the rules that want a site's name "on the first line" read this one)."""
    after = banner_lines(state)
    lines = state.text.split("\n")
    return next((n for n in range(after + 1, len(lines) + 1) if lines[n - 1].strip()), 1)


__all__ = ["CONSENT_REASON", "CONSENT_RULE", "NAV_BAR_RULE", "banner_lines", "page_top"]
