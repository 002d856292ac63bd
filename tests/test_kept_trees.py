"""The per-process caches hold bounded memory whatever the texts (loader's kept YAML trees), and give
a message, not a traceback, for what they cannot key on (the page check's Markdown options)."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import pytest
import yaml
from trialsite import loader
from trialsite.pages import check_page


@pytest.fixture
def empty_kept(monkeypatch):
    """loader's kept trees, empty for this test and as they were afterwards."""
    monkeypatch.setattr(loader, "_kept", type(loader._kept)())
    monkeypatch.setattr(loader, "_kept_weight", 0)
    return loader._kept


def flow_list(count: int, tag: str = "") -> str:
    return "[" + ",".join([f"a{tag}"] * count) + "]"


SHAPES = {
    "a flow list of one-letter values": flow_list(2_000),
    "a block list": "- a\n" * 1_000,
    "a mapping": "".join(f"k{index}: v\n" for index in range(800)),
    "one long value": "a: " + "x" * 50_000,
    "one long value of four-byte characters": "a: " + "\U0001f600" * 20_000,
    "aliases": "a: &a [1, 2, 3]\n" + "".join(f"b{index}: *a\n" for index in range(600)),
    "prose": "".join(f"text{index}: {'Words of a sentence. ' * 8}\n" for index in range(60)),
}


@pytest.mark.parametrize("text", SHAPES.values(), ids=SHAPES.keys())
def test_a_trees_weight_is_above_the_memory_it_takes(text):
    # What keeping it holds: the text itself (the cache's key) and the tree made from it.
    tracemalloc.start()
    try:
        kept = text.encode("utf-8").decode("utf-8")  # a copy of its own, made while memory is counted
        root = yaml.compose(kept, Loader=yaml.SafeLoader)
        taken, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert loader._weight(kept, root) > taken


def test_the_same_text_gives_the_kept_tree(empty_kept):
    text = "a: 1\nb: [x, y]\n"
    assert loader._compose(text) is loader._compose(text)


def test_a_tree_heavier_than_the_allowance_is_not_kept_and_still_read(empty_kept, monkeypatch):
    monkeypatch.setattr(loader, "_KEPT_WEIGHT", 1_000_000)
    text = "items: " + flow_list(5_000)  # over a million by its nodes alone, a 10 kB text
    assert loader.load_yaml_bytes(text.encode(), "t.yaml").data == {"items": ["a"] * 5_000}
    assert not empty_kept and loader._kept_weight == 0


def test_the_kept_trees_stay_within_the_allowance_and_the_least_recently_used_go(empty_kept, monkeypatch):
    monkeypatch.setattr(loader, "_KEPT_WEIGHT", 2_000_000)
    data = "country: NO\nsites: [a, b]\n"
    loader._compose(data)
    for index in range(20):  # each about a quarter of the allowance
        loader._compose(flow_list(400, str(index)))
        loader._compose(data)  # used again each time, so kept throughout
        assert loader._kept_weight == sum(weight for _, weight in empty_kept.values()) <= 2_000_000
    assert data in empty_kept
    assert flow_list(400, "19") in empty_kept and flow_list(400, "0") not in empty_kept


def test_markdown_options_that_hold_themselves_give_a_message_not_a_traceback():
    # mkdocs.yml can write such an option with a YAML alias (title: &a [*a]); the cache's key for
    # the options cannot be made of it, so the page is checked without the cache, as before it.
    options = yaml.safe_load("title: &a [*a]")
    docs = Path("/project/docs")
    text = "---\ntitle: A page\ndescription: What the page is for.\n---\n\nSee this.\n"
    found = check_page(text, "docs/page.md", ("toc",), docs / "page.md", docs, {"page.md"}, {"toc": options})
    assert [(problem.field, problem.message) for problem in found] == [
        ("(page)", "could not be read as Markdown (TypeError)")
    ]
