"""JSON Schemas of the YAML files, for editors (yaml-language-server) and tools."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from ccas_docs.common.atomic import write_text
from ccas_docs.model.types import Convention, Fiche, Organisation

SCHEMAS: dict[str, type[BaseModel]] = {
    "convention.schema.json": Convention,
    "fiche.schema.json": Fiche,
    "services.schema.json": Organisation,
}


def schema_text(model: type[BaseModel]) -> str:
    schema = model.model_json_schema(mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def write_schemas(folder: Path, extra: dict[str, type[BaseModel]] | None = None) -> list[Path]:
    """Write every schema (``extra``: those of later stages, e.g. the avenant's) into ``folder``."""
    written = []
    for name, model in {**SCHEMAS, **(extra or {})}.items():
        path = folder / name
        write_text(path, schema_text(model))
        written.append(path)
    return written
