"""One walk of a doctree for every kind of node the extension's handlers look for.

Each ``doctree.findall(cls)`` visits every node of the page, whatever it
looks for, and the extension's handlers used to make about a dozen of them
per page (claim flags, the about box, claim lists, cited-by lists, citations,
help-wanted lists, manual links, notes, glossary links, code blocks): a fifth
of all the node visits of a full build (``bench/profiles/``).  :func:`collect`
makes one pass and hands each handler its nodes.

The pass is an explicit stack, not docutils' recursive generators, whose cost
per node grows with the node's depth.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes


class Found:
    """The nodes of each asked-for class in one doctree, in document order."""

    def __init__(self, classes: tuple[type[nodes.Node], ...]) -> None:
        self.by_class: dict[type[nodes.Node], list[nodes.Node]] = {c: [] for c in classes}

    def __getitem__(self, cls: type[nodes.Node]) -> list[Any]:
        """The nodes of *cls* (typed loosely: each list holds instances of its class)."""
        return self.by_class[cls]


def collect(doctree: nodes.Node, *classes: type[nodes.Node]) -> Found:
    """Every node of *doctree* (itself included) that is an instance of one of *classes*,
    by class: what ``list(doctree.findall(cls))`` gives for each, from one walk."""
    found = Found(classes)
    # node type -> the asked-for classes it is an instance of (a page has few node types)
    matches: dict[type, tuple[list[nodes.Node], ...]] = {}
    stack: list[nodes.Node] = [doctree]
    while stack:
        node = stack.pop()
        kind = type(node)
        lists = matches.get(kind)
        if lists is None:
            lists = matches[kind] = tuple(found.by_class[c] for c in classes if issubclass(kind, c))
        for bucket in lists:
            bucket.append(node)
        children = node.children
        if children:
            stack.extend(reversed(children))
    return found
