"""Check the trial data, interface texts and pages, then run the strict build into a temporary folder.

.venv/bin/python scripts/check.py [--data FILE]
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "hooks"))

from trialsite.cli import run

sys.exit(run())
