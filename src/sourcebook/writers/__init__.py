"""The one writer per contributor-file format: TOML (:mod:`.toml`) and BibTeX (:mod:`.bibtex`).

Every value a command (``add``, ``cite``, ``fmt``, the baseline ratchet) writes
into a contributor file goes through one of these, so a value can only ever
become that one value: never a second field, a comment or a new entry.
"""


class UnwritableValue(ValueError):
    """A value that no literal of the format can hold (the message says why)."""
