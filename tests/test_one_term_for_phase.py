"""Finnish keeps "vaihe" for the trial's phase: the interface never uses it for a step of the schedule."""

from __future__ import annotations

import re

from helpers import cached_catalogues


def _finnish_texts():
    for key, value in cached_catalogues()["fi"].entries.items():
        for form in value.values() if isinstance(value, dict) else [value]:
            yield key, form


def test_finnish_interface_says_vaihe_only_for_the_phase():
    # The schedule page calls its steps "askel"; a text that links to those steps and says
    # "vaihe" would read as the trial's phase (vaihe II) to a Finnish patient.
    stray = [
        (key, text)
        for key, text in _finnish_texts()
        if re.search(r"\bvaihe", text, re.IGNORECASE) and "phase" not in key
    ]
    assert stray == []
