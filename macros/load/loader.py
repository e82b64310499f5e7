"""Load every data file once, validate it, and return one immutable `Playbook`."""

from __future__ import annotations

import datetime as dt
import gc
import glob
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar, cast

from pydantic import BaseModel, ValidationError

from macros.load.cross_checks import check_references
from macros.load.file_cache import FileCache, digest
from macros.load.limits import MAX_DATA_BYTES, MAX_FILE_BYTES, MAX_PROBLEMS_PER_FILE, size_text
from macros.load.loaded import AnyFile, Loaded, LoadedFiles
from macros.load.messages import explain
from macros.load.yaml_reader import YamlDocument, read_yaml
from macros.model.data_files import KINDS
from macros.model.errors import DataError, PlaybookDataError, format_path
from macros.model.playbook import Playbook

M = TypeVar("M", bound=BaseModel)


# (what, glob under data/, model of one file), from the one table of data kinds.
LAYOUT: tuple[tuple[str, str, type[BaseModel]], ...] = tuple(
    (k.name, k.glob, k.model) for k in KINDS)


def load_playbook(data_dir: Path, today: dt.date | None = None) -> Playbook:
    """Validate all of `data_dir` and return the playbook, or raise with every error found.

    `today` (the build date by default) is the day no fact in the data may come after.
    """
    found = load_all(data_dir, today)
    if found.errors:
        raise PlaybookDataError(found.errors)
    return assemble(found.files)


@dataclass(frozen=True)
class LoadedData:
    """What loading found: the valid files by kind, every error, and the kinds missing a file."""

    files: LoadedFiles
    errors: list[DataError]
    incomplete: frozenset[str]


def load_all(data_dir: Path, today: dt.date | None = None,
             cache: FileCache | None = None) -> LoadedData:
    """Every valid file by kind, and every error: in single files, then across the valid ones.

    A file with errors is left out; the checks across files still run on the others, treating
    the ids of a kind with a left-out file as unknown rather than missing. With a `cache`, a
    file whose content was valid last time is not parsed again.
    """
    errors: list[DataError] = []
    paths = {what: _paths(data_dir, pattern, errors) for what, pattern, _ in LAYOUT}
    stats = {path: path.stat() for found in paths.values() for path in found}
    total = sum(st.st_size for st in stats.values())
    if total > MAX_DATA_BYTES:
        return LoadedData(_typed({what: [] for what, _, _ in LAYOUT}), [DataError(
            data_dir.name, 1, "", f"the data files hold {size_text(total)}, above the limit of "
            f"{size_text(MAX_DATA_BYTES)} (MAX_DATA_BYTES)",
            "remove files that do not belong in data/")], frozenset(what for what, _, _ in LAYOUT))
    by_kind: dict[str, list[AnyFile]] = {}
    incomplete: set[str] = set()
    with _no_cyclic_gc():
        for what, _pattern, model in LAYOUT:
            before = len(errors)
            by_kind[what] = _load_kind(data_dir, paths[what], model, errors, stats, cache)
            if len(errors) > before:
                incomplete.add(what)
        loaded = _typed(by_kind)
        errors.extend(check_references(loaded, incomplete, today))
    return LoadedData(loaded, errors, frozenset(incomplete))


def _typed(by_kind: dict[str, list[AnyFile]]) -> LoadedFiles:
    """The files by kind, typed: each list holds the files of the model LAYOUT gives its kind
    (tests/test_hostile.py keeps LoadedFiles and the kinds in step)."""
    return cast(LoadedFiles, by_kind)


@contextmanager
def _no_cyclic_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while loading and checking across files.

    Loading allocates many long-lived objects and no reference cycles, so the collector would
    only rescan them again and again: with it on, reading 1,000 pods takes about 60% more time.
    The checks across files allocate as much, so they run with it paused too. Afterwards the
    loaded objects are moved out of the collector's sight (`gc.freeze`): they live as long as
    the playbook, and the first collection after loading would otherwise scan them all (about
    0.3 s at 1,000 pods).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


def _paths(data_dir: Path, pattern: str, errors: list[DataError]) -> list[Path]:
    if "*" in pattern:
        # As `sorted(data_dir.glob(pattern))`, hidden files included, in a tenth of the time
        # (pathlib builds and compares 6,000 Path objects at 1,000 pods).
        found = glob.glob(pattern, root_dir=data_dir, include_hidden=True)  # noqa: PTH207
        found.sort(key=lambda rel: rel.split(os.sep))  # noqa: PTH206
        return [data_dir / rel for rel in found]
    path = data_dir / pattern
    if path.is_file():
        return [path]
    errors.append(DataError(_display(data_dir, path), 1, "", "this required file is missing",
                            "restore it from the repository (git checkout -- FILE)"))
    return []


def _load_kind(data_dir: Path, paths: list[Path], model: type[M], errors: list[DataError],
               stats: dict[Path, os.stat_result], cache: FileCache | None) -> list[AnyFile]:
    found = [load_file(data_dir, path, model, errors, stats[path].st_size, cache,
                       cache.signature(stats[path]) if cache is not None else "")
             for path in paths]
    return [item for item in found if item is not None]


def load_file(
    data_dir: Path, path: Path, model: type[M], errors: list[DataError], size: int | None = None,
    cache: FileCache | None = None, signature: str = "",
) -> Loaded[M] | None:
    """Read and validate one file; append its errors and return it when it is valid.

    `size` is the file's size in bytes when the caller has already looked it up; `cache` holds
    the files found valid last time, and `signature` is what the file system says of the file
    (`FileCache.signature`).
    """
    shown = _display(data_dir, path)
    if size is None:
        size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        errors.append(DataError(shown, 1, "", f"the file holds {size_text(size)}, above the limit "
                                f"of {size_text(MAX_FILE_BYTES)} (MAX_FILE_BYTES)",
                                "split it, or remove what does not belong in it"))
        return None
    if cache is not None and signature:
        untouched = cache.by_signature(shown, signature, model)
        if untouched is not None:  # read only if a later message needs its lines
            return Loaded(untouched, shown, YamlDocument(None, [], "", source=path))
    raw = path.read_bytes()
    text = _decode(raw, shown, errors)
    if text is None:
        return None
    key = digest(raw) if cache is not None else ""
    remembered = cache.get(shown, key, model, signature) if cache is not None else None
    if remembered is not None:
        return Loaded(remembered, shown, YamlDocument(None, [], text))
    doc = read_yaml(text)
    found = [DataError(shown, p.line or 1, format_path(p.path), p.message, p.hint)
             for p in doc.problems]
    if doc.data is not None and not isinstance(doc.data, dict):
        found.append(DataError(shown, 1, "", "the file must be a set of 'key: value' fields",
                               f"start the file with the fields of {model.__name__}"))
        errors.extend(found)
        return None
    valid = None
    if doc.data is not None:
        # A YAML trap already explains its field; the model's complaint there adds nothing.
        trapped = {error.field for error in found}
        valid, problems = _validate(model, doc, shown)
        found.extend(e for e in problems if e.field not in trapped)
    errors.extend(found)
    if found or valid is None:
        return None
    if cache is not None:
        cache.put(shown, key, valid, signature)
    return Loaded(valid, shown, doc)


def _validate(model: type[M], doc: YamlDocument, shown: str) -> tuple[M | None, list[DataError]]:
    try:
        return model.model_validate(doc.data), []
    except ValidationError as err:
        details = err.errors()[:MAX_PROBLEMS_PER_FILE]
        return None, [_to_error(model, detail, doc, shown) for detail in details]


def _to_error(model: type[BaseModel], detail: Any, doc: YamlDocument, shown: str) -> DataError:
    loc = tuple(part for part in detail["loc"] if not _is_union_tag(part))
    message, hint = explain(model, detail, loc)
    return DataError(shown, doc.line_of(loc) or 1, format_path(loc), message, hint)


def _is_union_tag(part: object) -> bool:
    # pydantic names union branches ('int', 'function-after[...]'); editors never need them.
    return isinstance(part, str) and ("[" in part or part in {"str", "int", "float", "bool"})


def _decode(raw: bytes, shown: str, errors: list[DataError]) -> str | None:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        errors.append(DataError(shown, line, "", "the file is not UTF-8 text",
                                "save it again as UTF-8 in your editor (File > Save with encoding)"))
        return None


def _display(data_dir: Path, path: Path) -> str:
    """The file as messages name it: 'data/pods/x.yaml' (by string, as pathlib is slow here)."""
    base, full = str(data_dir), str(path)
    if full.startswith(base + os.sep):
        return f"{data_dir.name}/{full[len(base) + 1:].replace(os.sep, '/')}"
    return (Path(data_dir.name) / path.relative_to(data_dir)).as_posix()


def assemble(loaded: LoadedFiles) -> Playbook:
    """The playbook from files that all loaded without errors."""

    return Playbook(
        roles=tuple(sorted((item.model.role for item in loaded["roles"]), key=lambda r: r.order)),
        cycle=loaded["cycle"][0].model,
        diagnostics=tuple(item.model.diagnostic for item in loaded["diagnostics"]),
        pods=tuple(item.model.pod for item in loaded["pods"]),
        templates=tuple(item.model.template for item in loaded["templates"]),
        sources=loaded["sources"][0].model.sources,
        glossary=loaded["glossary"][0].model.terms,
        assets=loaded["assets"][0].model.assets,
        changes=tuple(sorted(loaded["changelog"][0].model.changes,
                             key=lambda c: c.date, reverse=True)),
        cycles=tuple(item.model.cycle for item in loaded["cycles"]),
    )
