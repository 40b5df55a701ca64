"""Foundations every layer uses: diagnostics, identifiers, line positions, text, links,
URLs and the one atomic file writer."""
