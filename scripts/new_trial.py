"""Write a starter data/trial.yaml: from a ClinicalTrials.gov study record, or blank.

    .venv/bin/python scripts/new_trial.py --from-ctgov NCT01234567.json [--output FILE] [--force]
    .venv/bin/python scripts/new_trial.py --blank [--output FILE] [--force]

The same as `python -m trialsite new ...` (with hooks/ on the Python path). Nothing is read from
the network. Exit status 0 when the file was written, 2 when it was not (a one-line reason).
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "hooks"))

from trialsite.cli import run

sys.exit(run(["new", *sys.argv[1:]]))
