"""Loader tests: one small bad file per failure mode; each message names file, line and field."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from macros.load.loader import load_playbook
from macros.model.errors import PlaybookDataError

MINI = Path(__file__).parent / "fixtures" / "mini"
POD = "data/pods/acme.yaml"


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A writable copy of the mini fixture, in a folder called data/."""
    target = tmp_path / "data"
    shutil.copytree(MINI, target)
    return target


def errors_for(data: Path) -> list[str]:
    """The error lines the loader reports for `data` (fails the test if it loads)."""
    with pytest.raises(PlaybookDataError) as info:
        load_playbook(data)
    return [str(error) for error in info.value.errors]


def line_of(path: Path, needle: str) -> int:
    """1-based line of the first line containing `needle`."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {path}")


def replace(path: Path, old: str, new: str) -> None:
    """Replace exactly one occurrence of `old` in the file."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times"
    path.write_text(text.replace(old, new), encoding="utf-8")


def assert_one(errors: list[str], prefix: str, *words: str) -> str:
    """Exactly one error starts with `prefix` and it contains every word."""
    found = [e for e in errors if e.startswith(prefix)]
    assert len(found) == 1, f"expected one error at {prefix!r}, got {errors}"
    for word in words:
        assert word in found[0], f"{word!r} not in {found[0]!r}"
    assert "; " in found[0], "every message says how to fix it after '; '"
    return found[0]


def test_fixture_loads() -> None:
    pb = load_playbook(MINI)
    assert pb.pods
    assert pb.roles
    assert pb.sources


def test_duplicate_key_is_an_error_not_a_silent_overwrite(data: Path) -> None:
    pod = data / "pods" / "acme.yaml"
    replace(pod, "  kpi: Review time per contract\n",
            "  kpi: Review time per contract\n  kpi: Something else\n")
    line = line_of(pod, "kpi: Something else")
    assert_one(errors_for(data), f"{POD}:{line}: pod.kpi:", "duplicate key 'kpi'",
               f"line {line - 1}")


def test_tab_indentation(data: Path) -> None:
    pod = data / "pods" / "acme.yaml"
    replace(pod, "  kpi: Review", "\tkpi: Review")
    line = line_of(pod, "\tkpi")
    assert_one(errors_for(data), f"{POD}:{line}:", "tab", "spaces")


def test_broken_indentation(data: Path) -> None:
    pod = data / "pods" / "acme.yaml"
    replace(pod, "  kpi: Review time per contract\n", "     kpi: Review time per contract\n")
    error = errors_for(data)[0]
    assert re.match(rf"{POD}:\d+: \(file\): not valid YAML", error), error


def test_unknown_field_suggests_the_right_name(data: Path) -> None:
    pod = data / "pods" / "acme.yaml"
    replace(pod, "      allocation: 30\n", "      alocation: 30\n")
    line = line_of(pod, "alocation")
    errors = errors_for(data)
    assert_one(errors, f"{POD}:{line}: pod.roles[0].alocation:", "unknown field",
               "did you mean 'allocation'")
    # the missing allocation is reported too, on the same role
    role_line = line_of(pod, "- role: domain-owner")
    assert_one(errors, f"{POD}:{role_line}: pod.roles[0].allocation:", "required field")


def test_missing_required_field(data: Path) -> None:
    pod = data / "pods" / "acme.yaml"
    replace(pod, "  business_metric: Senior attorney review hours per contract\n", "")
    assert_one(errors_for(data), f"{POD}:2: pod.business_metric:", "required field")


def test_date_where_a_percentage_belongs(data: Path) -> None:
    pod = data / "pods" / "acme.yaml"
    replace(pod, "      allocation: 30\n", "      allocation: 2025-01-01\n")
    line = line_of(pod, "allocation: 2025-01-01")
    assert_one(errors_for(data), f"{POD}:{line}: pod.roles[0].allocation:",
               "expected a whole number", "the date 2025-01-01")


@pytest.mark.parametrize("word", ["yes", "no", "on", "off", "Yes", "NO"])
def test_yaml11_booleans_are_refused(data: Path, word: str) -> None:
    pod = data / "pods" / "acme.yaml"
    replace(pod, "  kpi: Review time per contract\n", f"  kpi: {word}\n")
    line = line_of(pod, f"kpi: {word}")
    assert_one(errors_for(data), f"{POD}:{line}: pod.kpi:", f"'{word}' is ambiguous",
               f'quote it ("{word}")')


def test_quoted_yaml11_word_is_plain_text(data: Path) -> None:
    pod = data / "pods" / "acme.yaml"
    replace(pod, "  kpi: Review time per contract\n", '  kpi: "no"\n')
    assert load_playbook(data).pod("acme").kpi == "no"


def test_true_false_where_text_belongs_is_refused(data: Path) -> None:
    pod = data / "pods" / "acme.yaml"
    replace(pod, "  kpi: Review time per contract\n", "  kpi: true\n")
    assert_one(errors_for(data), f"{POD}:", "pod.kpi", "expected text",
               "put the value in double quotes")


def test_leading_zero_number_is_refused(data: Path) -> None:
    pod = data / "pods" / "acme.yaml"
    replace(pod, "      allocation: 30\n", "      allocation: 030\n")
    line = line_of(pod, "allocation: 030")
    assert_one(errors_for(data), f"{POD}:{line}: pod.roles[0].allocation:", "octal")


def test_allocation_above_100_percent(data: Path) -> None:
    pod = data / "pods" / "acme.yaml"
    replace(pod, "      allocation: 30\n", "      allocation: 150\n")
    line = line_of(pod, "allocation: 150")
    assert_one(errors_for(data), f"{POD}:{line}: pod.roles[0].allocation:",
               "150 is above the maximum of 100 (percent of time)")


def test_duplicate_ids(data: Path) -> None:
    shutil.copy(data / "pods" / "acme.yaml", data / "pods" / "acme-copy.yaml")
    errors = errors_for(data)
    assert_one(errors, "data/pods/acme-copy.yaml:3: pod.id:", "does not match the file name")


def test_duplicate_source_ids(data: Path) -> None:
    sources = data / "sources.yaml"
    text = sources.read_text(encoding="utf-8")
    first_id = re.search(r"- id: ([a-z0-9-]+)", text)
    assert first_id is not None
    entry = text[first_id.start():].split("\n  - id:")[0]
    sources.write_text(text.rstrip("\n") + "\n  " + entry.rstrip() + "\n", encoding="utf-8")
    errors = errors_for(data)
    assert any("duplicate source id" in e and e.startswith("data/sources.yaml:") for e in errors), errors


def test_reference_to_missing_role(data: Path) -> None:
    pod = data / "pods" / "acme.yaml"
    replace(pod, "    - role: domain-owner\n", "    - role: domain-ownr\n")
    line = line_of(pod, "domain-ownr")
    assert_one(errors_for(data), f"{POD}:{line}: pod.roles[0].role:",
               "no role with id 'domain-ownr'", "did you mean 'domain-owner'")


def test_empty_file(data: Path) -> None:
    (data / "pods" / "empty.yaml").write_text("# nothing yet\n", encoding="utf-8")
    assert_one(errors_for(data), "data/pods/empty.yaml:1:", "empty")


def test_not_utf8(data: Path) -> None:
    (data / "pods" / "latin.yaml").write_bytes("pod:\n  name: Caf\xe9\n".encode("latin-1"))
    assert_one(errors_for(data), "data/pods/latin.yaml:2:", "not UTF-8")


def test_not_yaml_at_all(data: Path) -> None:
    (data / "pods" / "broken.yaml").write_text("pod: [unclosed\n  name: x\n", encoding="utf-8")
    assert_one(errors_for(data), "data/pods/broken.yaml:", "not valid YAML")


def test_errors_from_several_files_are_reported_together(data: Path) -> None:
    replace(data / "pods" / "acme.yaml", "      allocation: 30\n", "      allocation: 150\n")
    (data / "pods" / "empty.yaml").write_text("", encoding="utf-8")
    errors = errors_for(data)
    assert any(e.startswith("data/pods/acme.yaml") for e in errors)
    assert any(e.startswith("data/pods/empty.yaml") for e in errors)


def test_cli_check_reports_without_traceback(data: Path) -> None:
    replace(data / "pods" / "acme.yaml", "      allocation: 30\n", "      allocation: 150\n")
    result = subprocess.run(
        [sys.executable, "-m", "macros.cli.main", "check", "--data", str(data), "--no-pages"],
        capture_output=True, text=True, check=False)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert re.search(r"^data/pods/acme\.yaml:\d+: pod\.roles\[0\]\.allocation: ", result.stdout,
                     re.MULTILINE), result.stdout


def test_cli_check_passes_on_valid_data(data: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "macros.cli.main", "check", "--data", str(data), "--no-pages"],
        capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("ok:")


def test_pod_id_reserved_for_registry_pages(data: Path) -> None:
    pod = data / "pods" / "acme.yaml"
    replace(pod, "  id: acme\n", "  id: browse\n")
    pod.rename(data / "pods" / "browse.yaml")
    assert_one(errors_for(data), "data/pods/browse.yaml:3: pod.id:", "reserved")


def test_cli_check_catches_a_misspelt_macro_in_a_page(tmp_path: Path, data: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "page.md").write_text(
        "---\ntitle: A page\nowner: AI Center of Excellence\nlast_reviewed: 2026-11-01\n"
        "review_every: 6 months\naudience: [staff]\ntags: [test]\nrender_macros: true\n---\n\n"
        "# A page\n\n{{ role_matrx() }}\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "macros.cli.main", "check", "--data", str(data), "--docs", str(docs)],
        capture_output=True, text=True, check=False,
        env={**os.environ, "SOURCE_DATE_EPOCH": "1795000000"})  # 2026-11-18: page not yet due
    assert result.returncode == 1, result.stdout
    assert "docs/page.md:13: {{ role_matrx(...) }}: there is no macro called 'role_matrx'; " \
           "did you mean 'role_matrix'?" in result.stdout
