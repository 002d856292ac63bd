"""Switch for the build's speed-ups, and the one that is not about any file in particular.

The speed-ups that choose between a fast and a plain way (theme_cache.py,
plain texts skipping Markdown in richtext.py, libyaml in loader.py, the theme pages
rendered once in the hooks, the freeze below) are switched off with TRIAL_SPEEDUPS=0:
tests/test_speed.py builds the site both ways and compares the output, and tests compare texts
and YAML files both ways. The map's faster arithmetic has no plain way; tests compare it with
the textbook formulas.
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
