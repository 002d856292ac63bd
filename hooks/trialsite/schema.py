"""JSON Schema for data/trial.yaml, generated from the typed model (never written by hand).

Editors' YAML extensions read it (the data file's first line points to it) for completion,
descriptions and red underlines. Texts are made to require exactly the site's languages.
"""

from __future__ import annotations

import json
from typing import Any

from .model import DEFAULT_LANGUAGE, NAMES_BY_LANGUAGE_DESCRIPTION, TEXT_DESCRIPTION, Trial

SCHEMA_PATH = "schema/trial.schema.json"


def _replace_texts(node: Any) -> Any:
    if isinstance(node, dict):
        if node.get("description") == TEXT_DESCRIPTION and node.get("type") == "object":
            return {"$ref": "#/$defs/Text"}
        if node.get("description") == NAMES_BY_LANGUAGE_DESCRIPTION and node.get("type") == "object":
            return {"$ref": "#/$defs/NamesByLanguage"}
        return {key: _replace_texts(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_replace_texts(item) for item in node]
    return node


def build_schema(languages: list[str]) -> dict:
    schema = _replace_texts(Trial.model_json_schema())
    schema.setdefault("$defs", {})["Text"] = {
        "type": "object",
        "description": f"A text in every language of the site: {', '.join(languages)}.",
        "properties": {language: {"type": "string", "minLength": 1} for language in languages},
        "required": languages,
        "additionalProperties": False,
    }
    schema["$defs"]["NamesByLanguage"] = {
        "type": "object",
        "description": f"One name per language ({', '.join(languages)}): {DEFAULT_LANGUAGE} required, the others "
        f"optional (they fall back to {DEFAULT_LANGUAGE}).",
        "properties": {language: {"type": "string", "minLength": 1} for language in languages},
        "required": [DEFAULT_LANGUAGE],
        "additionalProperties": False,
    }
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Clinical trial microsite data (data/trial.yaml)"
    return schema


def schema_text(languages: list[str]) -> str:
    return json.dumps(build_schema(languages), indent=2, ensure_ascii=False, sort_keys=True) + "\n"
