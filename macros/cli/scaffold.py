"""`playbook new pod|template|source ID`: write a commented starter that passes the check."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from pydantic import BaseModel

from macros.load.loader import load_file
from macros.load.yaml_reader import read_yaml
from macros.model import data as m
from macros.model import data_files
from macros.model.errors import DataError

Kind = Literal["pod", "template", "source"]
STARTERS = Path(__file__).resolve().parent / "starters"
ID_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
# Starter kind → the kind of data file it writes (macros/model/data_files.py).
_WRITES = {"pod": "pods", "template": "templates"}
_PREFERRED_TEMPLATE_OWNER = "workflow-designer"


class ScaffoldError(Exception):
    """A starter file could not be written; the message says why and what to do."""


@dataclass(frozen=True)
class StarterRole:
    """What the starter pod needs to know about one role."""

    id: str
    name: str
    kind: str
    allocation: int
    example: str


@cache
def _environment() -> Environment:
    # Starters are YAML, not HTML: escaping would turn quotes into entities. The only values
    # inserted are validated ids, dates and role data written into comments or plain ids.
    return Environment(
        loader=FileSystemLoader(STARTERS),
        autoescape=False,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def environment() -> Environment:
    """The starters' template environment (plain text, strict)."""
    return _environment()


def new_file(kind: Kind, ident: str, data_dir: Path, *, today: dt.date | None = None) -> Path:
    """Write the starter for `kind` with id `ident` under `data_dir`; return the file changed."""
    check_id(ident)
    today = today or dt.date.today()
    if kind == "source":
        return _append_source(ident, data_dir, today)
    if kind not in _WRITES:
        raise ScaffoldError(f"unknown kind '{kind}'; use pod, template or source")
    data_kind = data_files.kind(_WRITES[kind])
    path = data_dir / data_kind.glob.replace("*", ident)
    if path.exists():
        raise ScaffoldError(f"{_shown(data_dir, path)} already exists; it was not changed. "
                            f"Edit that file, or choose another id")
    roles = starter_roles(data_dir)
    text = _environment().get_template(f"{kind}.yaml.j2").render(
        ident=ident, name=_title(ident), today=today, roles=roles,
        role_ids=[r.id for r in roles], owner=_template_owner(roles))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    _verify(data_dir, path, data_kind.model, restore=None)
    return path


def check_id(ident: str) -> None:
    """Raise `ScaffoldError` unless `ident` is a lowercase-hyphenated id of at most 64 characters."""
    if not ID_PATTERN.match(ident) or len(ident) > 64:
        raise ScaffoldError(f"'{ident}' is not a valid id; use lowercase letters, digits and "
                            "single hyphens, at most 64 characters, e.g. 'revenue-cycle'")
    doc = read_yaml(f"id: {ident}\n")
    if doc.problems or not isinstance(doc.data, dict) or not isinstance(doc.data["id"], str):
        raise ScaffoldError(f"'{ident}' would be read as a number or a true/false value, "
                            "not as a name; choose a descriptive id, e.g. 'revenue-cycle'")


def starter_roles(data_dir: Path) -> list[StarterRole]:
    """The roles in `data_dir/roles`, in order, with the allocation a starter pod gives them."""
    errors: list[DataError] = []
    found = []
    roles = data_files.kind("roles")
    for path in sorted(data_dir.glob(roles.glob)):
        loaded = load_file(data_dir, path, m.RolesFile, errors)
        if loaded is not None:
            found.append(loaded.model.role)
    if errors or not found:
        raise ScaffoldError("the role files in data/roles/ do not load; run `make check`, "
                            "fix what it reports, then try again")
    return [_starter_role(role) for role in sorted(found, key=lambda r: r.order)]


def _starter_role(role: m.Role) -> StarterRole:
    # The lowest allocation the guidance accepts in the first quarter, so the starter
    # breaks no composition rule until the editor enters the real figure.
    allocation = max(role.time.minimum, role.time.first_quarter.min)
    example = " ".join(role.examples[0].split()) if role.examples else ""
    return StarterRole(role.id, " ".join(role.name.split()), role.time.kind, allocation, example)


def _template_owner(roles: list[StarterRole]) -> str:
    ids = [role.id for role in roles]
    return _PREFERRED_TEMPLATE_OWNER if _PREFERRED_TEMPLATE_OWNER in ids else ids[0]


def _append_source(ident: str, data_dir: Path, today: dt.date) -> Path:
    sources = data_files.kind("sources")
    path = data_dir / sources.glob
    if not path.is_file():
        raise ScaffoldError(f"{_shown(data_dir, path)} is missing; restore it from the "
                            "repository (git checkout -- data/sources.yaml)")
    original = path.read_text(encoding="utf-8")
    indent = _source_indent(original, data_dir, path, ident)
    entry = _environment().get_template("source.yaml.j2").render(ident=ident, today=today)
    block = "".join(f"{indent}{line}" if line.strip() else line
                    for line in entry.splitlines(keepends=True))
    separator = "" if original.endswith("\n") else "\n"
    path.write_text(f"{original}{separator}\n{block}", encoding="utf-8")
    _verify(data_dir, path, sources.model, restore=original)
    return path


def _source_indent(text: str, data_dir: Path, path: Path, ident: str) -> str:
    """Indentation of the list items under `sources:`; refuse when `ident` is taken."""
    doc = read_yaml(text)
    sources = doc.data.get("sources") if isinstance(doc.data, dict) else None
    if doc.problems or not isinstance(sources, list) or not sources:
        raise ScaffoldError(f"{_shown(data_dir, path)} does not hold a list of sources that "
                            "loads; run `make check`, fix what it reports, then try again")
    taken = {s.get("id") for s in sources if isinstance(s, dict)}
    if ident in taken:
        line = doc.line_of(("sources", [s.get("id") for s in sources].index(ident), "id"))
        raise ScaffoldError(f"a source with id '{ident}' already exists "
                            f"({_shown(data_dir, path)}:{line}); it was not changed. "
                            "Edit that entry, or choose another id")
    match = re.search(r"^sources:[^\n]*\n(?:[ \t]*(?:#[^\n]*)?\n)*([ ]*)- ", text, re.MULTILINE)
    if match is None:
        raise ScaffoldError(f"{_shown(data_dir, path)}: the list under 'sources:' must be "
                            "written one '- id: ...' item per block to add to it")
    return match.group(1)


def _verify(data_dir: Path, path: Path, model: type[BaseModel], restore: str | None) -> None:
    """Undo the write and fail loudly if the starter does not load (a bug in a starter)."""
    errors: list[DataError] = []
    load_file(data_dir, path, model, errors)
    if not errors:
        return
    if restore is None:
        path.unlink()
    else:
        path.write_text(restore, encoding="utf-8")
    details = "; ".join(str(error) for error in errors)
    raise ScaffoldError(f"the starter did not pass the check, so nothing was written: {details}")


def _title(ident: str) -> str:
    words = ident.replace("-", " ")
    return words[:1].upper() + words[1:]


def _shown(data_dir: Path, path: Path) -> str:
    return (Path(data_dir.name) / path.relative_to(data_dir)).as_posix()
