"""Fuzzing: random damage to the real data files and pages never crashes, hangs or blows up.

Hypothesis mutates the bytes and the YAML structure of the shipped files; whatever comes out,
`playbook check` must answer with messages that name a file, never with a traceback or an
internal error, within a deadline and in bounded memory. `make test` runs a short,
derandomized profile (reproducible in CI); `make fuzz` runs the long one with fresh seeds.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import shutil
import tracemalloc
from collections.abc import Iterator
from contextlib import contextmanager, redirect_stderr, redirect_stdout
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from macros.cli.main import main
from macros.load.loader import load_all
from macros.load.page_jinja import check_page_templates
from macros.load.page_meta import check_pages
from macros.load.yaml_reader import read_yaml

ROOT = Path(__file__).resolve().parent.parent
DATA_FILES = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "data").rglob("*.yaml"))
PAGES = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "docs").rglob("*.md"))
TODAY = dt.date(2026, 12, 1)
MAX_PEAK_MB = 150

settings.register_profile(
    "ci", max_examples=25, deadline=dt.timedelta(seconds=3), derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large], print_blob=True)
settings.register_profile(
    "fuzz", max_examples=1_000, deadline=dt.timedelta(seconds=5),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large], print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the real data, pages and config, shared by all examples (each restores it)."""
    root = tmp_path_factory.mktemp("fuzz")
    for name in ("data", "docs"):
        shutil.copytree(ROOT / name, root / name)
    shutil.copy2(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    return root


@contextmanager
def replaced(path: Path, content: bytes) -> Iterator[None]:
    """`path` holds `content` for the duration; the original comes back afterwards."""
    original = path.read_bytes()
    path.write_bytes(content)
    try:
        yield
    finally:
        path.write_bytes(original)


@contextmanager
def bounded_memory() -> Iterator[None]:
    """Fail when the block allocates more than MAX_PEAK_MB at its peak."""
    tracemalloc.start()
    try:
        yield
        peak = tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()
    assert peak < MAX_PEAK_MB, f"peak {peak:.0f} MB"


def assert_named(errors: Any, prefix: str) -> None:
    """Every error names a file under `prefix` and a line from 1."""
    for error in errors:
        assert error.file.startswith(prefix), error
        assert error.line >= 1, error
        assert error.message, error
        assert error.hint, error


# ---------------------------------------------------------------- mutations


@st.composite
def byte_mutation(draw: st.DrawFn, original: bytes) -> bytes:
    """The file with a few bytes flipped, inserted, deleted or a slice repeated."""
    data = bytearray(original)
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, max(len(data) - 1, 0)))
        kind = draw(st.sampled_from(["flip", "insert", "delete", "repeat", "yaml"]))
        if kind == "flip" and data:
            data[at] = draw(st.integers(0, 255))
        elif kind == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=8))
        elif kind == "delete":
            del data[at:at + draw(st.integers(1, 40))]
        elif kind == "repeat":
            data[at:at] = data[at:at + draw(st.integers(1, 200))] * draw(st.integers(1, 30))
        else:
            data[at:at] = draw(st.sampled_from(
                [b"&a ", b"*a", b"!!python/object:os.system ", b"[", b"{", b": ", b"\n- ", b"\t",
                 b"---\n", b"yes", b"1_200", b"0x1F", b".inf", b"1:30", b"~", b"<<: *a\n",
                 b'"', b"'", b"|\n", b">-\n", b"\r\n", b"\xef\xbb\xbf", b"#", b"%YAML 1.1\n"]))
    return bytes(data)


_SCALARS = (st.none() | st.booleans() | st.integers(-10**6, 10**12) | st.text(max_size=30)
            | st.floats(allow_nan=False) | st.dates(dt.date(1800, 1, 1), dt.date(2200, 1, 1)))
_VALUES = st.recursive(_SCALARS, lambda inner: st.lists(inner, max_size=4)
                       | st.dictionaries(st.text(max_size=12), inner, max_size=4), max_leaves=12)


def _paths(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield path
    children = value.items() if isinstance(value, dict) else \
        enumerate(value) if isinstance(value, list) else ()
    for key, child in children:
        yield from _paths(child, (*path, key))


@st.composite
def structure_mutation(draw: st.DrawFn, original: bytes) -> bytes:
    """The file's data with a value replaced, a key dropped or a list emptied, dumped again."""
    data = read_yaml(original.decode("utf-8-sig")).data
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(list(_paths(data))))
        if not path:
            continue
        parent = data
        for key in path[:-1]:
            parent = parent[key]
        if draw(st.booleans()) and isinstance(parent, dict):
            del parent[path[-1]]
        else:
            parent[path[-1]] = draw(_VALUES)
    return yaml.safe_dump(data, allow_unicode=draw(st.booleans()), sort_keys=False).encode()


# ---------------------------------------------------------------- properties


@given(st.data())
def test_damaged_bytes_in_a_data_file_never_crash(project: Path, data: st.DataObject) -> None:
    name = data.draw(st.sampled_from(DATA_FILES), label="file")
    path = project / name
    content = data.draw(byte_mutation(path.read_bytes()), label="content")
    with replaced(path, content), bounded_memory():
        found = load_all(project / "data", TODAY)
    assert_named(found.errors, "data/")


@given(st.data())
def test_damaged_structure_in_a_data_file_never_crashes(project: Path,
                                                        data: st.DataObject) -> None:
    name = data.draw(st.sampled_from(DATA_FILES), label="file")
    path = project / name
    content = data.draw(structure_mutation(path.read_bytes()), label="content")
    with replaced(path, content), bounded_memory():
        found = load_all(project / "data", TODAY)
    assert_named(found.errors, "data/")


@given(st.data())
def test_damaged_pages_never_crash(project: Path, data: st.DataObject) -> None:
    name = data.draw(st.sampled_from(PAGES), label="page")
    content = data.draw(byte_mutation((ROOT / name).read_bytes()), label="content")
    docs = project / "one-page" / "docs"  # the page alone, so each example reads one file
    shutil.rmtree(docs.parent, ignore_errors=True)
    docs.mkdir(parents=True)
    (docs / "page.md").write_bytes(content)
    with bounded_memory():
        errors, warnings = check_pages(docs, TODAY, 30)
        errors += check_page_templates(docs, {"stat", "cite"})
    assert_named(errors + warnings, "docs/page.md")


@settings(max_examples=10)
@given(st.data())
def test_the_command_never_reports_an_internal_error(project: Path, data: st.DataObject) -> None:
    name = data.draw(st.sampled_from(DATA_FILES + PAGES), label="file")
    path = project / name
    content = data.draw(byte_mutation(path.read_bytes()), label="content")
    out, err = io.StringIO(), io.StringIO()
    with replaced(path, content), redirect_stdout(out), redirect_stderr(err):
        status = main(["--root", str(project), "check"])
    assert status in (0, 1), err.getvalue()
    assert "internal error" not in out.getvalue() + err.getvalue()
    if status == 1:
        lines = out.getvalue().splitlines()
        assert lines[-1].endswith("fix them and run `make check` again.")
        assert all(line.startswith(("data/", "docs/", "warning: ")) for line in lines[:-1]), lines
