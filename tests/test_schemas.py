"""The committed JSON Schemas match the models, and every data file points at its schema."""

from __future__ import annotations

from pathlib import Path

from macros.cli.schemas import KINDS, expected_schemas
from macros.load.loader import LAYOUT

ROOT = Path(__file__).resolve().parent.parent


def test_committed_schemas_are_in_sync_with_the_models() -> None:
    for name, text in expected_schemas().items():
        path = ROOT / "schemas" / name
        assert path.is_file(), f"{path} is missing: run `make schemas`"
        assert path.read_text(encoding="utf-8") == text, f"{path} is stale: run `make schemas`"


def test_every_kind_of_data_file_has_a_schema() -> None:
    file_models = {model for _, _, model in LAYOUT}
    assert file_models == set(KINDS.values())


def test_every_data_file_names_its_schema_on_line_one() -> None:
    kind_of = {model: kind for kind, model in KINDS.items()}
    for _, pattern, model in LAYOUT:
        for path in sorted((ROOT / "data").glob(pattern)):
            first = path.read_text(encoding="utf-8").splitlines()[0]
            schema = (ROOT / "schemas" / f"{kind_of[model]}.schema.json")
            expected = Path("../" * (len(path.relative_to(ROOT).parts) - 1)) / schema.relative_to(ROOT)
            assert first == f"# yaml-language-server: $schema={expected.as_posix()}", path
