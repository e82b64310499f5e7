"""The macro registry, the one parser of macro calls, and `playbook check`'s vetting of calls."""

from __future__ import annotations

import datetime as dt
import inspect
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from macros.load.macro_calls import MacroCall, check_page_calls, find_calls, playbook_ids
from macros.mkdocs_adapter.page_macros import register
from macros.model.playbook import Playbook
from macros.render.docs_index import DocsIndex
from macros.render.registry import MACROS, Page, by_name, macro_reference
from tests.fixtures import mini_playbook
from tests.htmlparse import parse

REPO = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 1, 1)


def _example_args(pb: Playbook, name: str) -> list[object]:
    """Valid arguments for a macro on the mini playbook, one per required parameter."""
    first = {"source": pb.sources[0].id, "finding": pb.sources[0].findings[0].id,
             "role": pb.roles[0].id, "pod": pb.pods[0].id, "template": pb.templates[0].id,
             "diagnostic": pb.diagnostics[0].id}
    source = next(s for s in pb.sources if s.findings)
    first["source"], first["finding"] = source.id, source.findings[0].id
    return [first[p.ids] if p.ids else "p. 3" for p in by_name()[name].params if p.required]


# ---------------------------------------------------------------- the registry


def test_each_macro_is_declared_once() -> None:
    names = [spec.name for spec in MACROS]
    assert len(names) == len(set(names))
    assert all(spec.doc.endswith(".") and "\n" not in spec.doc for spec in MACROS)


@pytest.mark.parametrize("spec", MACROS, ids=lambda s: s.name)
def test_renderer_takes_the_declared_arguments(spec: Any) -> None:
    params = list(inspect.signature(spec.render).parameters.values())[1:]  # after the page
    assert [p.name for p in params] == [p.name for p in spec.params]
    assert [p.default is inspect.Parameter.empty for p in params] == [
        p.required for p in spec.params]


@pytest.mark.parametrize("spec", MACROS, ids=lambda s: s.name)
def test_every_macro_renders_on_the_mini_playbook(spec: Any, tmp_path: Path) -> None:
    pb = mini_playbook()
    page = Page(pb, "../", TODAY, DocsIndex(pb, tmp_path, TODAY, 30))
    html = spec.render(page, *_example_args(pb, spec.name))
    assert html.strip()


def _registered() -> dict[str, Any]:
    found: dict[str, Any] = {}
    env = SimpleNamespace(
        conf={"config_file_path": str(REPO / "mkdocs.yml"), "docs_dir": str(REPO / "docs"),
              "extra": {}},
        page=SimpleNamespace(url=""),
        macro=lambda func, name: found.__setitem__(name, func))
    register(env)
    found["_env"] = env
    return found


def test_registration_binds_each_macro_to_the_page_being_rendered() -> None:
    registered = _registered()
    env = registered.pop("_env")
    assert set(registered) == {spec.name for spec in MACROS}
    env.page.url = "pods/some-pod/"
    deep = parse(registered["role_links"]()).find("a").attrs["href"]
    env.page.url = ""
    top = parse(registered["role_links"]()).find("a").attrs["href"]
    assert deep == "../../" + top


def test_macro_reference_lists_every_macro_once() -> None:
    rows = parse(macro_reference()).find("tbody").find_all("tr")
    calls = [row.find("code").text for row in rows]
    assert sorted(c.split("(")[0] for c in calls) == sorted(spec.name for spec in MACROS)
    role_card = next(row for row in rows if row.find("code").text.startswith("role_card("))
    assert "role" in role_card.find_all("td")[-1].text


# ---------------------------------------------------------------- the parser


def test_find_calls_reads_arguments_and_lines() -> None:
    text = ('Intro\n{{ cite("bcg") }} and {{ stat(\'a\', "b") }}\n\n'
            '{{ cite(source_id="rewired", locator="Ch. 3") }}\n{{ role_card(some_var) }}\n')
    calls = list(find_calls(text))
    assert [(c.name, c.line) for c in calls] == [
        ("cite", 2), ("stat", 2), ("cite", 4), ("role_card", 5)]
    assert calls[1].args == ("a", "b")
    assert calls[2].kwargs == {"source_id": "rewired", "locator": "Ch. 3"}
    assert calls[3].plain is False


def test_find_calls_skips_raw_blocks_and_keeps_line_numbers() -> None:
    text = '{% raw %}\n{{ role_card("x") }}\n{% endraw %}\n{{ role_matrix() }}\n'
    assert [(c.name, c.line) for c in find_calls(text)] == [("role_matrix", 4)]


def test_find_calls_ignores_plain_expressions() -> None:
    assert list(find_calls("{{ config.repo_url }} and cite(\"bcg\") in prose")) == []


def test_bound_pairs_arguments_with_parameters() -> None:
    spec = by_name()["cite"]
    call = MacroCall("cite", 1, ("bcg",), {"locator": "p. 4"})
    assert [(p.name, v) for p, v in call.bound(spec.params)] == [
        ("source_id", "bcg"), ("locator", "p. 4")]


# ---------------------------------------------------------------- the check


def _check(tmp_path: Path, text: str) -> list[str]:
    docs = tmp_path / "docs"
    docs.mkdir(exist_ok=True)
    (docs / "page.md").write_text(text, encoding="utf-8")
    return [f"{e.line}: {e.message} | {e.hint}" for e in
            check_page_calls(docs, playbook_ids(mini_playbook()), MACROS)]


def test_good_calls_pass(tmp_path: Path) -> None:
    pb = mini_playbook()
    source = next(s for s in pb.sources if s.findings)
    text = (f'{{{{ role_card("{pb.roles[0].id}") }}}}\n{{{{ role_matrix() }}}}\n'
            f'{{{{ stat("{source.id}", "{source.findings[0].id}") }}}}\n'
            f'{{{{ cite(source_id="{source.id}", locator="p. 2") }}}}\n')
    assert _check(tmp_path, "---\nrender_macros: true\n---\n" + text) == []


def test_a_page_that_does_not_render_macros_is_not_checked(tmp_path: Path) -> None:
    # The build shows its '{{ }}' as written (render_by_default: false), so check must accept it.
    assert _check(tmp_path, "---\ntitle: x\n---\n\n{{ role_matirx() }}\n") == []
    assert _check(tmp_path, "---\nrender_macros: true\n---\n\n{{ role_matirx() }}\n")


@pytest.mark.parametrize(("call", "message", "hint"), [
    ("{{ role_matirx() }}", "no macro called 'role_matirx'", "did you mean 'role_matrix'?"),
    ('{{ role_card("domain-ownr") }}', "no role with id 'domain-ownr'", "'domain-owner'"),
    ("{{ role_card() }}", "'role_id' is missing", "role_card(role_id)"),
    ('{{ role_matrix("x") }}', "too many arguments", "role_matrix()"),
    ('{{ role_card(role="domain-owner") }}', "no argument called 'role'", "role_card(role_id)"),
    ("{{ role_card(x) }}", "not plain quoted ids", "role_card("),
    ('{{ stat("bcg", "no-such") }}', "no finding with id 'no-such'", ""),
])
def test_bad_calls_are_reported_with_a_fix(tmp_path: Path, call: str, message: str,
                                           hint: str) -> None:
    errors = _check(tmp_path, f"---\ntitle: x\nrender_macros: true\n---\n\n{call}\n")
    assert len(errors) == 1
    assert errors[0].startswith("6: ")
    assert message in errors[0]
    assert hint in errors[0].split(" | ")[1]


def test_the_real_pages_call_only_known_macros_correctly() -> None:
    from macros.load.loader import load_playbook

    assert check_page_calls(REPO / "docs", playbook_ids(load_playbook(REPO / "data")), MACROS) == []
