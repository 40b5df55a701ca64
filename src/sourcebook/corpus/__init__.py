"""The corpus: each document joined with its metadata, apparatus, the bibliography,
the entities and the independence verdicts; and the parse cache."""
