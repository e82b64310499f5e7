"""The committed JSON Schemas match the models and the data's ids, and are as strict as the check."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from macros.cli.schemas import KINDS, REFERENCES, expected_schemas, known_ids, restrict_references
from macros.load.loader import LAYOUT, load_playbook

ROOT = Path(__file__).resolve().parent.parent


def test_committed_schemas_are_in_sync_with_the_models() -> None:
    for name, text in expected_schemas(ROOT / "data").items():
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


class EditorLoader(yaml.SafeLoader):
    """Reads YAML as an editor's schema checker does: dates stay strings."""


EditorLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}


def _schema(kind: str) -> dict[str, Any]:
    return json.loads((ROOT / "schemas" / f"{kind}.schema.json").read_text(encoding="utf-8"))


def _validator(kind: str) -> jsonschema.Draft202012Validator:
    schema = _schema(kind)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def _data_files() -> list[tuple[str, Path]]:
    kind_of = {model: kind for kind, model in KINDS.items()}
    return [(kind_of[model], path) for _, pattern, model in LAYOUT
            for path in sorted((ROOT / "data").glob(pattern))]


def _read(path: Path) -> Any:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=EditorLoader)


@pytest.mark.parametrize(("kind", "path"), _data_files(), ids=lambda v: getattr(v, "name", v))
def test_every_data_file_passes_its_schema(kind: str, path: Path) -> None:
    errors = [e.message for e in _validator(kind).iter_errors(_read(path))]
    assert not errors, errors


def test_every_reference_field_lists_the_known_ids() -> None:
    ids = known_ids(load_playbook(ROOT / "data"))
    applied = set().union(*(restrict_references(copy.deepcopy(model.model_json_schema()), ids)
                            for model in KINDS.values()))
    assert applied == set(REFERENCES), "a reference field was renamed: update REFERENCES"
    assert all(ids.values())


def _pod() -> Any:
    return _read(ROOT / "data" / "pods" / "harbourline-procurement.yaml")


def _first_error(kind: str, document: Any) -> str:
    errors = sorted(_validator(kind).iter_errors(document), key=lambda e: list(e.path))
    assert errors, "the schema accepted a dangling id"
    return errors[0].message


def test_a_misspelt_role_fails_the_schema() -> None:
    pod = _pod()
    pod["pod"]["roles"][0]["role"] = "data-enginer"
    assert "'data-enginer' is not one of" in _first_error("pod", pod)


def test_a_misspelt_from_pod_fails_the_schema() -> None:
    pod = _pod()
    held = next(a for a in pod["pod"]["infrastructure"] if a.get("from_pod"))
    held["from_pod"] = "harbourline-customer-servce"
    assert "harbourline-customer-servce" in _first_error("pod", pod)


def test_a_misspelt_signal_or_asset_fails_the_schema() -> None:
    pod = _pod()
    pod["pod"]["reviews"][0]["signals"]["no-such-signal"] = True
    assert "no-such-signal" in _first_error("pod", pod)
    pod = _pod()
    pod["pod"]["infrastructure"][0]["asset"] = "no-such-asset"
    assert "no-such-asset" in _first_error("pod", pod)


def test_a_misspelt_template_output_fails_the_schema() -> None:
    cycle = _read(ROOT / "data" / "cycle.yaml")
    cycle["weeks"][0]["activities"][0]["outputs"] = ["decision-lgo"]
    assert "decision-lgo" in _first_error("cycle", cycle)


def test_check_warns_when_a_new_id_is_missing_from_the_schemas(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import shutil

    from macros.cli.main import main

    shutil.copytree(ROOT / "data", tmp_path / "data")
    shutil.copytree(ROOT / "schemas", tmp_path / "schemas")
    assert main(["--root", str(tmp_path), "check", "--no-pages"]) == 0
    assert "warning" not in capsys.readouterr().out
    text = (ROOT / "data" / "pods" / "harbourline-procurement.yaml").read_text(encoding="utf-8")
    (tmp_path / "data" / "pods" / "copy-pod.yaml").write_text(
        text.replace("id: harbourline-procurement", "id: copy-pod"), encoding="utf-8")
    assert main(["--root", str(tmp_path), "check", "--no-pages"]) == 0
    assert "warning: schemas/pod.schema.json:1: (file): does not list the ids" in capsys.readouterr().out
    assert main(["--root", str(tmp_path), "schemas"]) == 0
    capsys.readouterr()
    assert main(["--root", str(tmp_path), "check", "--no-pages"]) == 0
    assert "warning" not in capsys.readouterr().out


def _role() -> Any:
    return _read(ROOT / "data" / "roles" / "data-engineer.yaml")


def test_a_misspelt_source_fails_the_schema() -> None:
    role = _role()
    role["role"]["time"]["cited"][0]["source"] = "pod-brif"
    assert "pod-brif" in _first_error("role", role)


def test_a_misspelt_finding_fails_the_schema() -> None:
    role = _role()
    role["role"]["time"]["cited"][0]["finding"] = "shared-data-enginer"
    assert "shared-data-enginer" in _first_error("role", role)
