"""The files in ``schemas/`` and what they are built from: the JSON Schemas of the two stage
contracts, and a copy of the column lexicon shipped inside the package (the one the code reads;
the copy is there for people reading the repository). ``planingest schema`` writes them and
``planingest schema --check`` fails when one is stale."""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from typing import Any

from planingest.extractor import model as extractor_model
from planingest.normalise import records
from planingest.normalise.columns import shipped_lexicon


def _rendered(build: Callable[[], dict[str, Any]]) -> str:
    return json.dumps(build(), indent=2, sort_keys=True) + "\n"


SCHEMA_FILES: dict[str, Callable[[], dict[str, Any]]] = {
    "extracted-document.schema.json": extractor_model.json_schema,
    "plan-document.schema.json": records.json_schema,
}
"""The contracts' JSON Schemas, by file name."""

BUILT_FILES: dict[str, Callable[[], str]] = {
    **{name: functools.partial(_rendered, build) for name, build in SCHEMA_FILES.items()},
    "column-lexicon.yaml": shipped_lexicon,
}
"""Every file of ``schemas/`` as its text, by file name."""
