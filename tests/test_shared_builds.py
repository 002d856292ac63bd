"""The test run's shared builds (helpers.made_once): made once whichever worker asks, remade after
a failure, never half-made."""

from __future__ import annotations

import uuid

import pytest
from helpers import made_once


def test_a_folder_is_made_once_and_then_read(tmp_path_factory):
    name = f"once-{uuid.uuid4().hex}"
    calls = []

    def make(folder):
        calls.append(folder)
        (folder / "made.txt").write_text(str(len(calls)), encoding="utf-8")

    first = made_once(tmp_path_factory, name, make)
    second = made_once(tmp_path_factory, name, make)
    assert first == second and len(calls) == 1
    assert (second / "made.txt").read_text(encoding="utf-8") == "1"


def test_a_failed_make_is_made_again_from_an_empty_folder(tmp_path_factory):
    name = f"retry-{uuid.uuid4().hex}"

    def fail(folder):
        (folder / "half.txt").write_text("half", encoding="utf-8")
        raise RuntimeError("the build failed")

    with pytest.raises(RuntimeError):
        made_once(tmp_path_factory, name, fail)
    folder = made_once(tmp_path_factory, name, lambda folder: (folder / "whole.txt").touch())
    assert sorted(path.name for path in folder.iterdir()) == ["whole.txt"]
