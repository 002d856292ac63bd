"""The check command's output read by a program that stops early (`check.py | head -1`): the command
ends quietly, with no traceback (an editor would take one for a crash of the check)."""

from __future__ import annotations

import subprocess
import sys

from helpers import ROOT


def test_a_reader_that_stops_early_gets_no_traceback():
    process = subprocess.Popen(
        [sys.executable, str(ROOT / "scripts" / "check.py"), "--no-build"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={"PATH": "/usr/bin:/bin", "NO_MKDOCS_2_WARNING": "1"},
    )
    process.stdout.close()  # the reader is gone before the check writes a line
    stderr = process.stderr.read().decode()
    process.wait(timeout=120)
    assert "Traceback" not in stderr and "BrokenPipeError" not in stderr, stderr
    assert process.returncode == 1
