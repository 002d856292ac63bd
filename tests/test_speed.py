"""The speed-ups change nothing that is built, and the data is read once per build, not per language.

(Speed itself is measured by scripts/benchmark_build.py, not asserted here.)"""

from __future__ import annotations

import gc
import hashlib
import math
import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import ROOT, SEED
from hypothesis import given
from hypothesis import strategies as st
from trialsite import richtext
from trialsite.facts import raw_texts
from trialsite.geo import Projection, _clip, _sutherland_hodgman
from trialsite.loader import load_yaml_bytes
from trialsite.richtext import render_block, render_inline
from trialsite.speedups import freeze_long_lived


def build(site_dir: Path, *extra: str, **environment: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH="1764000000", **environment)
    env.pop("SITE_URL", None)
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site_dir), *extra],
                          cwd=ROOT, capture_output=True, text=True, env=env, timeout=300)


def digest(folder: Path) -> dict[str, str]:
    return {path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(folder.rglob("*")) if path.is_file()}


def _without_blank_lines(path: Path) -> bytes:
    return b"\n".join(line for line in path.read_bytes().splitlines() if line.strip())


@pytest.mark.build
def test_speedups_change_nothing_that_is_built(tmp_path):
    assert build(tmp_path / "fast").returncode == 0
    assert build(tmp_path / "plain", TRIAL_SPEEDUPS="0").returncode == 0
    fast, plain = digest(tmp_path / "fast"), digest(tmp_path / "plain")
    assert sum(name.endswith("index.html") for name in fast) == 11 * 5  # every page in every language
    assert fast.keys() == plain.keys()
    for name in fast:
        if fast[name] != plain[name]:
            # Markdown leaves a blank line after an HTML block it parsed itself: nothing else differs.
            assert name.endswith(".html"), name
            assert _without_blank_lines(tmp_path / "fast" / name) == _without_blank_lines(tmp_path / "plain" / name), name


@pytest.mark.build
def test_data_is_loaded_once_for_all_five_languages(tmp_path):
    result = build(tmp_path / "site", "--verbose")
    assert result.returncode == 0, result.stderr
    assert result.stderr.count("Building '") == 5  # the i18n plugin's five language builds
    assert result.stderr.count("Loading and checking data/trial.yaml") == 1


# Plain texts skip Markdown (richtext.py). The output comparison above covers the bundled texts
# only through the pages; these compare each text, and texts made up to hit Markdown's edges.


def _both_ways(monkeypatch, render, text: str, facts: dict[str, str] | None = None) -> tuple[str, str]:
    fast = render(text, facts or {}).html
    monkeypatch.setenv("TRIAL_SPEEDUPS", "0")
    through_markdown = render(text, facts or {}).html
    monkeypatch.delenv("TRIAL_SPEEDUPS")
    return fast, through_markdown


def test_every_bundled_text_gives_the_html_markdown_gives(monkeypatch):
    data = load_yaml_bytes(SEED.read_bytes(), "trial.yaml").data
    texts = [text for _, by_language in raw_texts(data) for text in by_language.values()]
    assert len(texts) > 500  # every language's texts, not a sample
    for text in texts:
        for render in (render_block, render_inline):
            fast, through_markdown = _both_ways(monkeypatch, render, text)
            assert fast == through_markdown, (render.__name__, text)
    # Most are plain sentences, so the short cut is worth having.
    parsed = []
    to_html = richtext._to_html
    monkeypatch.setattr(richtext, "_to_html", lambda text: parsed.append(text) or to_html(text))
    for text in texts:
        render_block(text, {})
    assert len(parsed) < len(texts) / 3


def test_a_fact_with_a_blank_line_gives_the_html_markdown_gives(monkeypatch):
    # Found by review: a unit is free text, and a blank line in it made two paragraphs in Markdown.
    for render in (render_block, render_inline):
        fast, through_markdown = _both_ways(monkeypatch, render, "Dose {d} daily", {"d": "1\u00a0mg\n\nkg"})
        assert fast == through_markdown, render.__name__


# Plain words and the characters and line shapes Markdown reacts to.
_PIECES = st.sampled_from([
    "Word", "word ", "12", "3.", "2) ", "1. ", "- ", "+ ", "* ", "# ", "> ", "    ", "  \n", "\n", "\n\n", "\n\n\n",
    " ", ".", ",", "'", '"', "(", ")", "-", "---", "===", "=", "#", "%", "/", "?", "~", "^", ":", ";",
    "\u00a0", "\u2028", "\u0085", "\u200b", "\u3000", "é", "ø", "\t", "\x02", "\x0b",
    "*", "_", "[", "]", "(https://example.org)", "`", "<", ">", "&", "&amp;", "!", "\\",
])


@given(st.lists(_PIECES, max_size=25).map("".join))
def test_made_up_texts_give_the_html_markdown_gives(text):
    with pytest.MonkeyPatch.context() as monkeypatch:
        for render in (render_block, render_inline):
            fast, through_markdown = _both_ways(monkeypatch, render, text)
            assert fast == through_markdown, (render.__name__, text)


# The map's projection was rewritten for speed (geo/__init__.py): it must give exactly the numbers
# of the textbook formula, written out here as it was before. Clipping takes two short cuts before
# the full Sutherland-Hodgman algorithm: they must give what the algorithm gives.


def _lambert(lon0: float, lat0: float, lon: float, lat: float) -> tuple[float, float]:
    lam, phi = math.radians(lon - lon0), math.radians(lat)
    phi0 = math.radians(lat0)
    cos_c = math.sin(phi0) * math.sin(phi) + math.cos(phi0) * math.cos(phi) * math.cos(lam)
    k = math.sqrt(2 / max(1 + cos_c, 1e-9))
    x = k * math.cos(phi) * math.sin(lam)
    y = k * (math.cos(phi0) * math.sin(phi) - math.sin(phi0) * math.cos(phi) * math.cos(lam))
    return x, -y


_longitudes = st.floats(min_value=-180, max_value=180)
_latitudes = st.floats(min_value=-90, max_value=90)


@given(centre=st.tuples(_longitudes, _latitudes), points=st.lists(st.tuples(_longitudes, _latitudes), max_size=20),
       left=st.floats(-2, 2), top=st.floats(-2, 2), scale=st.floats(1, 1000))
def test_map_projection_gives_the_formula_s_numbers(centre, points, left, top, scale):
    projection = Projection(*centre)
    expected = []
    for lon, lat in points:
        x, y = _lambert(*centre, lon, lat)
        expected.append(((x - left) * scale, (y - top) * scale))
    assert projection.view(points, left, top, scale) == expected
    assert [projection(lon, lat) for lon, lat in points] == [_lambert(*centre, lon, lat) for lon, lat in points]


_view_points = st.tuples(st.floats(-50, 650), st.floats(-50, 750))


@given(ring=st.lists(_view_points, min_size=3, max_size=12), shift=st.sampled_from([0, 400, -400, 900]))
def test_map_clipping_gives_sutherland_hodgman_s_points(ring, shift):
    ring = [(x + shift, y) for x, y in ring]  # some rings wholly inside, outside or across the box
    box = (0.0, 0.0, 600.0, 700.0)
    assert _clip(ring, box) == _sutherland_hodgman(ring, box)


def test_a_new_build_frees_what_earlier_builds_left_instead_of_freezing_it():
    """mkdocs serve rebuilds in one process: memory must not grow with every rebuild."""
    try:
        freeze_long_lived(start_of_build=True)
        frozen = gc.get_freeze_count()
        in_use = []  # what a build holds while its languages are built: objects in reference cycles
        for _ in range(5000):
            cycle: list = []
            cycle.append(cycle)
            in_use.append(cycle)
        freeze_long_lived(start_of_build=False)  # the next language build starts
        assert gc.get_freeze_count() >= frozen + 5000
        del in_use, cycle  # the build is over
        freeze_long_lived(start_of_build=True)  # the preview's rebuild starts
        assert gc.get_freeze_count() < frozen + 1000
    finally:
        gc.unfreeze()
