"""The switch for the build's speed-ups, and the one that is about Python itself.

The speed-ups are the theme environment shared by the language builds
(framework.share_theme_environment) and the freeze below; build.speed_up starts both. One is kept
only while it saves more than a tenth of a five-language build (scripts/benchmark_build.py prints
the build with and without them). TRIAL_SPEEDUPS=0 turns them off; tests/test_speed.py builds the site both ways and
compares the output.
"""

from __future__ import annotations

import gc
import os


def enabled() -> bool:
    return os.environ.get("TRIAL_SPEEDUPS", "1") != "0"


def freeze_long_lived(start_of_build: bool) -> None:
    """Keep Python's cycle collector off the objects that live through the whole build.

    The collector walks every object still alive, again and again: the theme's templates,
    Babel's locale data, the loaded trial, and what earlier language builds left. So each added
    language made every later walk longer. Called at the
    start of each language build, this moves what is alive now into a generation the collector
    skips. At the start of a new build (a preview's rebuild) that generation is released and
    collected first: what an earlier build no longer uses is freed, not frozen again (which grew
    a long preview session with every rebuild).
    """
    if not enabled():
        return
    if start_of_build and gc.get_freeze_count():
        gc.unfreeze()
        gc.collect()
    gc.freeze()
