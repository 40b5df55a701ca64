"""Loaded by every Python a test starts (this folder is on PYTHONPATH): the corpus guard.

See ``corpusguard_hook.py``.  Another ``sitecustomize`` further along the path
(a distribution's) is still run.
"""

from __future__ import annotations

import os
import sys

from corpusguard_hook import install_from_environment

install_from_environment()


def _chain() -> None:
    here = os.path.dirname(os.path.abspath(__file__))
    for entry in sys.path:
        candidate = os.path.join(os.path.abspath(entry or "."), "sitecustomize.py")
        if os.path.dirname(candidate) == here or not os.path.isfile(candidate):
            continue
        import importlib.util  # only when there is another to run

        spec = importlib.util.spec_from_file_location("_next_sitecustomize", candidate)
        if spec and spec.loader:
            spec.loader.exec_module(importlib.util.module_from_spec(spec))
        return


_chain()
