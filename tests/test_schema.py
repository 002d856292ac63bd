"""The JSON Schema editors get is generated from the model, committed, and agrees with the check."""

from __future__ import annotations

import json

import jsonschema
import pytest
from helpers import LANGUAGES, ROOT, SEED, replace_once
from trialsite.loader import load_yaml_bytes
from trialsite.schema import SCHEMA_PATH, schema_text

SCHEMA = json.loads((ROOT / SCHEMA_PATH).read_text(encoding="utf-8"))
SEED_TEXT = SEED.read_text(encoding="utf-8")


def as_json(text: str):
    data = load_yaml_bytes(text.encode("utf-8"), "data/trial.yaml").data
    return json.loads(
        json.dumps(data, default=lambda value: float(value) if hasattr(value, "as_tuple") else str(value))
    )


def test_committed_schema_is_up_to_date():
    assert (ROOT / SCHEMA_PATH).read_text(encoding="utf-8") == schema_text(LANGUAGES), (
        "schema/trial.schema.json is out of date: run .venv/bin/python scripts/check.py schema"
    )


def test_data_file_points_editors_to_the_schema():
    assert SEED_TEXT.splitlines()[0] == "# yaml-language-server: $schema=../schema/trial.schema.json"


def test_bundled_data_matches_the_schema():
    jsonschema.validate(as_json(SEED_TEXT), SCHEMA)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("status: not_yet_recruiting", "status: recuiting"),
        ("country: DK", "country: XX"),
        ('  fi: "Teklistamabi- ja pomalidomiditutkimus"\n', ""),
        ("    category: verified\n", "    category: verified\n    statsu: recruiting\n"),
        ("planned: 12", "planned: twelve"),
    ],
)
def test_schema_underlines_what_the_check_refuses(old, new):
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(as_json(replace_once(SEED_TEXT, old, new)), SCHEMA)
