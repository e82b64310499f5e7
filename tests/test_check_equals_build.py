"""check ≡ build: `playbook check` and `mkdocs build --strict` give every input the same verdict.

Each case changes one thing in a copy of the real project, then runs both on it. A case also
states the verdict it expects, so two tools failing for a reason nobody meant cannot pass.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from bench.project import copy_project
from tests.conftest import build_site

pytestmark = pytest.mark.build

PAGE = "docs/scoping.md"              # renders macros
PLAIN = "docs/guidance/center-of-excellence.md"  # does not
POD = "data/pods/harbourline-procurement.yaml"
OTHER_POD = "data/pods/harbourline-customer-service.yaml"


@dataclass(frozen=True)
class Case:
    """One change to the project, and whether both tools must accept it."""

    valid: bool
    file: str
    change: Callable[[str], str]


def sub(old: str, new: str) -> Callable[[str], str]:
    """Replace the one line matching `old` (a regex, multiline) by `new`."""
    def change(text: str) -> str:
        changed, count = re.subn(old, new, text, count=1, flags=re.MULTILINE)
        assert count == 1, f"{old!r} not found"
        return changed
    return change


def append(extra: str) -> Callable[[str], str]:
    """Add `extra` at the end of the file."""
    return lambda text: text + extra


def laughs(_text: str) -> str:
    """A small file whose aliases would expand to a billion strings."""
    lines = ['l0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"l{n}: &l{n} [{', '.join([f'*l{n - 1}'] * 9)}]" for n in range(1, 10)]
    return "\n".join(lines) + "\n"


def unusual_but_valid(text: str) -> str:
    """The same pod written with a byte-order mark, CRLF, comments and block and flow styles."""
    text = re.sub(r"^  domain_scope:\n    - (.*)\n", r'  domain_scope: ["\1"]  # flow style\n',
                  text, count=1, flags=re.MULTILINE)
    text = re.sub(r"^  business_metric: (.*)\n", r"  business_metric: >-\n    \1\n", text,
                  count=1, flags=re.MULTILINE)
    return "\ufeff" + text.replace("\n", "\r\n")


def render_macros_one(text: str) -> str:
    """Python objects reached from a page that turns macros on with `1`, not `true`.

    mkdocs-macros renders a page whose render_macros == True, and 1 == True in Python.
    """
    text = sub(r"^owner: (.*)$", r"owner: \1\nrender_macros: 1")(text)
    return append("\n{{ config.__class__.__mro__ }}\n")(text)


CASES: dict[str, Case] = {
    # Valid but unusual: both accept.
    "unusual-yaml": Case(True, POD, unusual_but_valid),
    "braces-on-a-page-without-macros": Case(True, PLAIN, append("\nWrite {{ role_matirx() }}.\n")),
    "raw-block": Case(True, PAGE, append("\n{% raw %}{{ not_a_macro }}{% endraw %}\n")),
    # Pages.
    "quoted-review-date": Case(False, PAGE, sub(r"^last_reviewed: (.*)$", r'last_reviewed: "\1"')),
    "render-macros-yes": Case(False, PAGE, sub(r"^render_macros: true$", "render_macros: yes")),
    "missing-owner": Case(False, PAGE, sub(r"^owner: .*\n", "")),
    "misspelt-macro": Case(False, PAGE, append("\n{{ role_matirx() }}\n")),
    "jinja-syntax-error": Case(False, PAGE, append("\n{{ role_matrix( }}\n")),
    "undefined-name": Case(False, PAGE, append("\nSee {{ not_defined }}.\n")),
    "python-objects-from-a-page": Case(False, PAGE, append(
        "\n{{ config.__class__.__init__.__globals__ }}\n")),
    "python-objects-behind-render-macros-1": Case(False, PLAIN, render_macros_one),
    # Data.
    "allocation-150": Case(False, POD, sub(r"^      allocation: 5$", "      allocation: 150")),
    "billion-laughs": Case(False, "data/pods/laughs.yaml", laughs),
    "digit-separator": Case(False, POD, sub(r"^    employees: 1200$", "    employees: 1_200")),
    "python-tag": Case(False, POD, sub(r"^  domain_scope:$", "  domain_scope: !!python/tuple")),
    "review-after-as-of": Case(False, OTHER_POD, sub(r"^  as_of: .*$", "  as_of: 2026-04-21")),
    "inherited-from-itself": Case(False, POD, sub(r"from_pod: .*$",
                                                  "from_pod: harbourline-procurement")),
}


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One copy of the project that every case copies again."""
    root = tmp_path_factory.mktemp("pristine") / "project"
    copy_project(root)
    return root


def run_check(root: Path) -> subprocess.CompletedProcess[str]:
    """`playbook check` on the project at `root`."""
    return subprocess.run([sys.executable, "-m", "macros.cli.main", "--root", str(root), "check"],
                          capture_output=True, text=True, check=False, timeout=60,
                          env={**os.environ, "PYTHONPATH": str(root)})


@pytest.mark.parametrize("name", sorted(CASES))
def test_check_and_build_agree(name: str, pristine: Path, tmp_path: Path) -> None:
    case = CASES[name]
    root = tmp_path / "project"
    shutil.copytree(pristine, root)
    target = root / case.file
    text = target.read_text(encoding="utf-8-sig") if target.exists() else ""
    target.write_bytes(case.change(text).encode("utf-8"))
    check = run_check(root)
    build = build_site(root / "mkdocs.yml", tmp_path / "site")
    assert "Traceback" not in check.stdout + check.stderr, check.stderr
    verdicts = {"check": check.returncode == 0, "build": build.returncode == 0}
    assert verdicts == {"check": case.valid, "build": case.valid}, (
        f"{name}: expected {'pass' if case.valid else 'fail'}\ncheck said:\n{check.stdout}"
        f"{check.stderr}\nbuild said:\n{build.stderr[-3000:]}")
    if not case.valid:
        assert f"{case.file}:" in check.stdout, check.stdout
