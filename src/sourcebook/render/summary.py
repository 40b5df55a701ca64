"""A document in one line: its first sentence, for lists of documents."""

from __future__ import annotations

from sourcebook.model import Document, Paragraph
from sourcebook.parse.inline import sentence_spans

#: the longest line shown; a longer sentence is cut at a word
ONE_LINE = 180


def first_sentence(document: Document) -> str:
    """The first sentence of the first paragraph with text, cut at a word before ONE_LINE."""
    para = next((b for b in document.blocks if isinstance(b, Paragraph) and b.plain), None)
    if para is None:
        return ""
    text = para.plain
    spans = sentence_spans(text)
    sentence = text[spans[0][0] : spans[0][1]] if spans else text
    if len(sentence) <= ONE_LINE:
        return sentence
    return sentence[:ONE_LINE].rsplit(" ", 1)[0] + " …"
