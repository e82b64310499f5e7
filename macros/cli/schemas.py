"""JSON Schemas for the data files, generated from the models for editors' autocompletion."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from macros.model import data as m

# Schema file name (without .schema.json) → the model of one data file of that kind.
KINDS: dict[str, type[BaseModel]] = {
    "role": m.RolesFile,
    "cycle": m.CycleFile,
    "diagnostic": m.DiagnosticFile,
    "pod": m.PodFile,
    "template": m.TemplateFile,
    "sources": m.SourcesFile,
    "glossary": m.GlossaryFile,
    "infrastructure": m.AssetsFile,
    "changelog": m.ChangelogFile,
}


def schema_text(model: type[BaseModel]) -> str:
    """The JSON Schema of one file model, as stable, pretty JSON."""
    schema = model.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def expected_schemas() -> dict[str, str]:
    """File name → schema text for every kind."""
    return {f"{kind}.schema.json": schema_text(model) for kind, model in KINDS.items()}


def write_schemas(folder: Path) -> list[Path]:
    """Write every schema into `folder`; return the files that changed."""
    folder.mkdir(parents=True, exist_ok=True)
    changed = []
    for name, text in expected_schemas().items():
        path = folder / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            changed.append(path)
    return changed
