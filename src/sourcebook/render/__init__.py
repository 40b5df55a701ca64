"""Renderers: the document model (plus its corpus context) to MyST text."""
