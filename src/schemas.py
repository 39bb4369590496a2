"""The JSON Schemas of the stage contracts, as committed in ``schemas/``."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from planingest.extractor import model as extractor_model
from planingest.normalise import records

SCHEMA_FILES: dict[str, Callable[[], dict[str, Any]]] = {
    "extracted-document.schema.json": extractor_model.json_schema,
    "plan-document.schema.json": records.json_schema,
}


def render(schema: dict[str, Any]) -> str:
    return json.dumps(schema, indent=2, sort_keys=True) + "\n"
