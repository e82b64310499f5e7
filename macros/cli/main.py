"""The `playbook` command: check the data and pages, scaffold new files, refresh schemas, write
out the generated pages."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from macros.model.errors import DataError, PlaybookDataError
from macros.model.playbook import Playbook
from macros.model.urls import build_date


def main(argv: list[str] | None = None) -> int:
    """Entry point of the console script; returns the exit status."""
    args = _parser().parse_args(argv)
    try:
        status: int = args.run(args)
    except KeyboardInterrupt:
        return 130
    except Exception as err:  # an editor must never see a traceback
        print(f"playbook: internal error: {type(err).__name__}: {err}\n"
              "This is a bug in the playbook tools, not in your data; please report it.",
              file=sys.stderr)
        return 2
    return status


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="playbook", description=__doc__)
    parser.add_argument("--root", type=Path, default=Path(),
                        help="project folder holding data/, docs/ and mkdocs.yml (default: .)")
    sub = parser.add_subparsers(required=True, metavar="COMMAND")
    check = sub.add_parser("check", help="validate every data file and page")
    check.add_argument("--data", type=Path, help="data folder (default: ROOT/data)")
    check.add_argument("--docs", type=Path, help="pages folder (default: ROOT/docs)")
    check.add_argument("--no-pages", action="store_true", help="check the data only")
    check.add_argument("--no-cache", action="store_true",
                       help="read every file, ignoring and not writing ROOT/.cache/playbook/")
    check.set_defaults(run=_check)
    new = sub.add_parser("new", help="write a commented starter file that passes the check")
    new.add_argument("kind", choices=["pod", "template", "source", "cycle"])
    new.add_argument("id", help="lowercase-hyphenated id, e.g. revenue-cycle (for a cycle: the pod's id)")
    new.set_defaults(run=_new)
    schemas = sub.add_parser("schemas", help="regenerate the JSON Schemas in schemas/")
    schemas.set_defaults(run=_schemas)
    generate = sub.add_parser("generate", help="write every generated page, download and nav "
                                               "entry into a folder, to inspect them")
    generate.add_argument("--out", type=Path, required=True,
                          help="a new or empty folder (or one this command wrote before)")
    generate.set_defaults(run=_generate)
    return parser


def _check(args: argparse.Namespace) -> int:
    from macros.load.file_cache import FileCache
    from macros.load.project_check import check_project
    from macros.render.registry import MACROS

    started = time.perf_counter()
    docs = None if args.no_pages else args.docs or args.root / "docs"
    cache = None if args.no_cache else FileCache(args.root / ".cache" / "playbook")
    verdict = check_project(args.data or args.root / "data", docs, build_date(),
                            _grace_days(args.root), MACROS, _extra_names(args.root), cache)
    if cache is not None:
        cache.save()
    warnings = list(verdict.warnings)
    if verdict.playbook is not None and args.data is None:  # schemas/ describes ROOT/data only
        warnings.extend(_schema_warnings(args.root / "schemas", verdict.playbook))
    for warning in warnings:
        print(f"warning: {warning}")
    for error in verdict.errors:
        print(error)
    elapsed = time.perf_counter() - started
    if verdict.errors:
        count = len(verdict.errors)
        files = len({error.file for error in verdict.errors})
        print(f"{count} error{'' if count == 1 else 's'} in {files} file{'' if files == 1 else 's'}; "
              "fix them and run `make check` again.")
        return 1
    pods = len(verdict.playbook.pods) if verdict.playbook else 0
    print(f"ok: data and pages are valid ({pods} pods, {elapsed:.2f} s)")
    return 0


def _schema_warnings(folder: Path, playbook: Playbook) -> list[DataError]:
    """A warning per editors' schema that does not yet know an id added to or removed from the data."""
    from macros.cli.schemas import stale_schemas

    if not folder.is_dir():
        return []
    return [DataError(f"schemas/{name}", 1, "", "does not list the ids now in the data",
                      "run `make schemas` so editors' IDEs know them")
            for name in stale_schemas(folder, playbook)]


def _extra_names(root: Path) -> set[str]:
    """The keys under `extra:` in mkdocs.yml (pages may use them), read without running its tags."""
    from macros.load.yaml_reader import read_yaml

    config = root / "mkdocs.yml"
    data = read_yaml(config.read_text(encoding="utf-8")).data if config.is_file() else None
    extra = data.get("extra") if isinstance(data, dict) else None
    return set(extra) if isinstance(extra, dict) else set()


def _grace_days(root: Path) -> int:
    """`extra.review_grace_days` from mkdocs.yml, read without evaluating its tags."""
    config = root / "mkdocs.yml"
    if not config.is_file():
        return 30
    for line in config.read_text(encoding="utf-8").splitlines():
        stripped = line.strip()
        if stripped.startswith("review_grace_days:"):
            return int(stripped.split(":", 1)[1].split("#", 1)[0].strip())
    return 30


def _new(args: argparse.Namespace) -> int:
    from macros.cli.new_cycle import new_cycle
    from macros.cli.scaffold import ScaffoldError, new_file

    try:
        if args.kind == "cycle":
            path = new_cycle(args.id, args.root / "data", build_date())
        else:
            path = new_file(args.kind, args.id, args.root / "data")
    except ScaffoldError as err:
        print(f"playbook new: {err}", file=sys.stderr)
        return 1
    print(f"wrote {path}; fill it in, then run `make check`")
    return 0


def _schemas(args: argparse.Namespace) -> int:
    from macros.cli.schemas import write_schemas

    try:
        changed = write_schemas(args.root / "schemas", args.root / "data")
    except PlaybookDataError as err:  # the schemas list the data's ids: the data must load
        print(f"{err.report()}\nfix the data, then run `make schemas` again.", file=sys.stderr)
        return 1
    for path in changed:
        print(f"updated {path}")
    return 0


def _generate(args: argparse.Namespace) -> int:
    from macros.cli.write_generated import OutError, write_generated
    from macros.load.loader import load_playbook

    try:
        pb = load_playbook(args.root / "data")
        written = write_generated(pb, args.root, args.out, build_date())
    except PlaybookDataError as err:
        print(f"{err.report()}\nfix the data, then run `playbook generate` again.", file=sys.stderr)
        return 1
    except OutError as err:
        print(f"playbook generate: {err}", file=sys.stderr)
        return 1
    print(f"wrote {len(written)} files into {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
