"""``python -m sourcebook.check``: the same as ``sourcebook check``."""

from __future__ import annotations

import sys

from sourcebook.check import main

if __name__ == "__main__":
    sys.exit(main())
