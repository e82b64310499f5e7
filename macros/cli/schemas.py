"""JSON Schemas for the data files, generated from the models and the data for editors.

Besides the models' shapes, every field that names something defined elsewhere (a role, pod,
asset, signal, template, source, finding or diagnostic) lists the ids that exist, so an
editor's IDE flags a misspelt id as `playbook check` does. Adding or renaming one of those
ids therefore changes the schemas: `make schemas` regenerates them and a test keeps them in
sync.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from macros.load.loader import load_playbook
from macros.model.data_files import KINDS as DATA_KINDS
from macros.model.playbook import Playbook

# Schema file name (without .schema.json) → the model of one data file of that kind.
KINDS: dict[str, type[BaseModel]] = {kind.schema: kind.model for kind in DATA_KINDS}


# (model, field) → the kind of id the field must name; `playbook check` checks the same.
REFERENCES: dict[tuple[str, str], str] = {
    ("Raci", "role"): "role",
    ("Template", "owner"): "role",
    ("Change", "roles"): "role",
    ("PodRole", "role"): "role",
    ("Activity", "outputs"): "template",
    ("Target", "inherits"): "asset",
    ("PodAsset", "asset"): "asset",
    ("PodAsset", "from_pod"): "pod",
    ("CycleRecord", "pod"): "pod",
    ("Citation", "source"): "source",
    ("Citation", "finding"): "finding",
    ("Review", "diagnostic"): "diagnostic",
    ("Review", "signals"): "signal",
    ("FlagRule", "from_rule"): "rule",
}


def known_ids(pb: Playbook) -> dict[str, list[str]]:
    """Kind → the sorted ids of that kind defined in the data."""
    return {
        "role": sorted(r.id for r in pb.roles),
        "template": sorted(t.id for t in pb.templates),
        "asset": sorted(a.id for a in pb.assets),
        "pod": sorted(p.id for p in pb.pods),
        "source": sorted(s.id for s in pb.sources),
        # Any source's findings: the check also holds a finding to the source it is cited with.
        "finding": sorted({f.id for s in pb.sources for f in s.findings}),
        "diagnostic": sorted(d.id for d in pb.diagnostics),
        "signal": sorted({s.id for d in pb.diagnostics for s in d.signals}),
        "rule": sorted({r.id for _, a in pb.activities() for r in a.rules}),
    }


def _restrict(prop: dict[str, Any], ids: list[str]) -> None:
    """Limit a property's id (or each item, each key, or the non-null choice) to `ids`."""
    if prop.get("type") == "array":
        prop["items"]["enum"] = ids
    elif prop.get("type") == "object":
        prop.setdefault("propertyNames", {})["enum"] = ids
    elif "anyOf" in prop:
        for choice in prop["anyOf"]:
            if choice.get("type") == "string":
                choice["enum"] = ids
    else:
        prop["enum"] = ids


def restrict_references(schema: dict[str, Any], ids: dict[str, list[str]]) -> set[tuple[str, str]]:
    """Add the known ids to every reference field in `schema`; return the fields changed."""
    models = {**schema.get("$defs", {}), schema.get("title", ""): schema}
    done = set()
    for (model, field), kind in REFERENCES.items():
        prop = models.get(model, {}).get("properties", {}).get(field)
        if prop is not None:
            _restrict(prop, ids[kind])
            done.add((model, field))
    return done


def schema_text(model: type[BaseModel], ids: dict[str, list[str]]) -> str:
    """The JSON Schema of one file model, with the known ids, as stable, pretty JSON."""
    schema = model.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    restrict_references(schema, ids)
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def expected_schemas(data_dir: Path, pb: Playbook | None = None) -> dict[str, str]:
    """File name → schema text for every kind, with the ids defined in `data_dir` (or `pb`)."""
    ids = known_ids(pb or load_playbook(data_dir))
    return {f"{kind}.schema.json": schema_text(model, ids) for kind, model in KINDS.items()}


def stale_schemas(folder: Path, pb: Playbook) -> list[str]:
    """The schema files in `folder` whose id lists differ from the ids in the data (or missing).

    Cheap enough for every `playbook check`: it reads the committed files and puts the current
    ids into a copy, without generating schemas from the models (the test suite compares those).
    """
    ids, stale = known_ids(pb), []
    for kind in KINDS:
        path = folder / f"{kind}.schema.json"
        if not path.is_file():
            stale.append(path.name)
            continue
        committed: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        updated = copy.deepcopy(committed)
        if restrict_references(updated, ids) and updated != committed:
            stale.append(path.name)
    return stale


def write_schemas(folder: Path, data_dir: Path) -> list[Path]:
    """Write every schema into `folder`; return the files that changed."""
    folder.mkdir(parents=True, exist_ok=True)
    changed = []
    for name, text in expected_schemas(data_dir).items():
        path = folder / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            changed.append(path)
    return changed
