"""Every example in CONTRIBUTING.md is run, and every message it shows is what the check prints.

Markers (HTML comments, invisible on GitHub) sit on the line right before a fenced block:

- `<!-- example: NAME [after=A,B] [file=PATH] [replace="LINE"|insert-before="LINE"] [today=DATE] -->`
  A `yaml`/`markdown` block is written to PATH in a fresh project (a copy of the real `data/`
  and an empty `docs/`): the whole file, or in place of (before) the first line whose text
  is LINE, indented like it. A `console` block holds `$ command` lines, each followed by
  what it prints. A `text` block is what `make check` prints once the examples named in
  `after=` are applied. `today=` fixes the check's date.
- `<!-- output: NAME -->` before a `text` block: what `make check` prints after example NAME.

An example without an output block must pass the check.
"""

from __future__ import annotations

import re
import shlex
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from macros.cli.main import main

REPO = Path(__file__).resolve().parent.parent
CONTRIBUTING = REPO / "CONTRIBUTING.md"
MARKER = re.compile(r"^<!-- (example|output): ([a-z0-9-]+)(.*?)-->\s*$")
FENCE = re.compile(r"^```([a-z]*)\s*$")
MAKE_TARGETS_ONLY = {"serve", "test", "build"}  # too slow to run here; their targets must exist


@dataclass
class Block:
    """One marked fenced block of CONTRIBUTING.md."""

    kind: str
    name: str
    attrs: dict[str, str]
    lang: str
    body: str
    line: int


@dataclass
class Project:
    """A temporary project: real data, no pages; commands run from its root."""

    root: Path
    printed: list[str] = field(default_factory=list)


def read_blocks(text: str) -> list[Block]:
    """Every marked fenced block; fails on a fenced block without a marker."""
    lines = text.splitlines()
    blocks: list[Block] = []
    i = 0
    while i < len(lines):
        fence = FENCE.match(lines[i])
        if fence is None:
            i += 1
            continue
        marker = MARKER.match(lines[i - 1]) if i else None
        assert marker, f"CONTRIBUTING.md:{i + 1}: fenced block without an example/output marker"
        end = next(j for j in range(i + 1, len(lines)) if lines[j].startswith("```"))
        attrs = dict(part.split("=", 1) for part in shlex.split(marker.group(3)))
        blocks.append(Block(marker.group(1), marker.group(2), attrs, fence.group(1),
                            "\n".join(lines[i + 1:end]) + "\n", i + 1))
        i = end + 1
    return blocks


BLOCKS = read_blocks(CONTRIBUTING.read_text(encoding="utf-8"))
EXAMPLES = {b.name: b for b in BLOCKS if b.kind == "example"}
OUTPUTS = {b.name: b for b in BLOCKS if b.kind == "output"}


def normalise(text: str) -> list[str]:
    """Lines to compare; the success line's pod count and timing vary, so they are masked."""
    masked = re.sub(r"\(\d+ pods?, \d+\.\d+ s\)", "(N pods, T s)", text)
    return [line.rstrip() for line in masked.strip().splitlines()]


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Project:
    shutil.copytree(REPO / "data", tmp_path / "data")
    (tmp_path / "docs").mkdir()
    shutil.copy(REPO / "mkdocs.yml", tmp_path / "mkdocs.yml")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    return Project(tmp_path)


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    capsys.readouterr()
    status = main(args)
    captured = capsys.readouterr()
    return status, captured.out + captured.err


def command_args(command: str) -> list[str] | None:
    """The `playbook` arguments a documented command runs; None for a make-only target."""
    words = shlex.split(command)
    if words[:1] == [".venv/bin/playbook"]:
        return words[1:]
    assert words[0] == "make", f"CONTRIBUTING shows an unknown command: {command}"
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    target = words[1]
    assert re.search(rf"^{re.escape(target)}:", makefile, re.MULTILINE), f"no make {target}"
    if target == "check":
        return ["check"]
    if target == "new-pod":
        assert "playbook new pod $(ID)" in makefile
        return ["new", "pod", words[2].removeprefix("ID=")]
    if target == "new-cycle":
        assert "playbook new cycle $(POD)" in makefile
        return ["new", "cycle", words[2].removeprefix("POD=")]
    assert target in MAKE_TARGETS_ONLY, f"the test does not know how to run: {command}"
    return None


def run_console(block: Block, capsys: pytest.CaptureFixture[str]) -> None:
    steps = re.split(r"^\$ ", block.body, flags=re.MULTILINE)[1:]
    assert steps, f"CONTRIBUTING.md:{block.line}: a console block needs '$ command' lines"
    for step in steps:
        command, _, shown = step.partition("\n")
        args = command_args(command)
        if args is None:
            continue
        _status, printed = run(args, capsys)
        if shown.strip():
            assert normalise(printed) == normalise(shown), f"CONTRIBUTING.md:{block.line}"


def edit_file(block: Block, root: Path) -> None:
    path = root / block.attrs["file"]
    anchor = block.attrs.get("replace") or block.attrs.get("insert-before")
    if anchor is None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(block.body, encoding="utf-8")
        return
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    index = next((i for i, line in enumerate(lines) if line.strip() == anchor), None)
    assert index is not None, f"CONTRIBUTING.md:{block.line}: no line '{anchor}' in {path.name}"
    indent = lines[index][: len(lines[index]) - len(lines[index].lstrip())]
    new = [f"{indent}{line}" if line.strip() else line
           for line in block.body.splitlines(keepends=True)]
    keep = [] if "replace" in block.attrs else [lines[index]]
    path.write_text("".join(lines[:index] + new + keep + lines[index + 1:]), encoding="utf-8")


def apply(name: str, project: Project, capsys: pytest.CaptureFixture[str],
          monkeypatch: pytest.MonkeyPatch) -> None:
    block = EXAMPLES[name]
    for earlier in filter(None, block.attrs.get("after", "").split(",")):
        apply(earlier, project, capsys, monkeypatch)
    if "today" in block.attrs:
        import datetime as dt

        day = dt.datetime.fromisoformat(block.attrs["today"]).replace(tzinfo=dt.UTC)
        monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(day.timestamp())))
    if block.lang == "console":
        run_console(block, capsys)
    elif block.lang != "text":
        edit_file(block, project.root)


def test_contributing_has_examples() -> None:
    assert len(EXAMPLES) >= 10
    assert set(OUTPUTS) <= set(EXAMPLES), "each output block belongs to an example"
    for block in EXAMPLES.values():
        assert block.lang in {"console", "yaml", "markdown", "text"}, block.line
        assert block.lang != "text" or "after" in block.attrs, block.line
        if block.lang in {"yaml", "markdown"}:
            assert "file" in block.attrs, f"CONTRIBUTING.md:{block.line}: example needs file="
        for earlier in filter(None, block.attrs.get("after", "").split(",")):
            assert earlier in EXAMPLES, f"CONTRIBUTING.md:{block.line}: no example {earlier}"


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_example(name: str, project: Project, capsys: pytest.CaptureFixture[str],
                 monkeypatch: pytest.MonkeyPatch) -> None:
    apply(name, project, capsys, monkeypatch)
    status, printed = run(["check"], capsys)
    shown = EXAMPLES[name] if EXAMPLES[name].lang == "text" else OUTPUTS.get(name)
    if shown is None:
        assert status == 0, f"example {name} should pass the check, but:\n{printed}"
    else:
        assert normalise(printed) == normalise(shown.body), (
            f"CONTRIBUTING.md:{shown.line}: the check prints something else for {name}")
        assert status == (0 if normalise(shown.body)[-1].startswith("ok:") else 1)
