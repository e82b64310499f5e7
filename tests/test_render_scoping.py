"""The scoping worksheet: a labelled, printable form that scoping.js enhances."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from macros.render import scoping
from tests.fixtures import assert_survives_markdown, mini_playbook
from tests.htmlparse import Element, parse

PB = mini_playbook()
SCRIPT = Path(__file__).resolve().parent.parent / "docs/assets/javascripts/scoping.js"
CORE = SCRIPT.with_name("core.js")  # the shared core the bundle puts first


def _form() -> Element:
    return parse(assert_survives_markdown(scoping.scoping_worksheet(PB, "../"))).find("form")


def test_every_field_has_a_label() -> None:
    form = _form()
    fields = form.find_all("input") + form.find_all("textarea")
    names = {f.attrs["name"] for f in fields}
    assert {"domain", "owner", "pnl_line", "amount", "timeline", "adoption", "answer"} <= names
    labels = {label.attrs["for"] for label in form.find_all("label")}
    assert {f.attrs["id"] for f in fields} <= labels


def test_form_is_printable_without_script() -> None:
    form = _form()
    assert form.attrs["data-pb-scoping"] == scoping.STORAGE_KEY
    assert "action" not in form.attrs, "nothing is submitted anywhere"
    assert "hidden" in form.find("button", data_pb_action="print").attrs
    assert form.find("button", type="reset").text == "Clear the answers"
    assert form.find("div", cls="pb-scoping__verdict").attrs["aria-live"] == "polite"
    assert form.find("p", cls="pb-scoping__next").find("a").attrs["href"] == "../pod-design/"


def test_domains_of_registered_pods_are_suggested() -> None:
    options = _form().find("datalist").find_all("option")
    assert [o.attrs["value"] for o in options] == ["Claims intake", "Revenue cycle"]


def test_script_targets_the_form() -> None:
    script = SCRIPT.read_text(encoding="utf-8")
    for hook in ("form[data-pb-scoping]", ".pb-scoping__verdict", "[data-pb-action=print]",
                 "localStorage", "use-case level"):
        assert hook.lower() in script.lower()


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
@pytest.mark.parametrize(("answers", "verdict"), [
    ({}, "empty"),
    ({"pnl_line": "Cost of delivery", "amount": "efficiency gains", "timeline": "Q2"}, "vague"),
    ({"pnl_line": "x", "answer": "saves about 2 FTE", "timeline": "Q2"}, "vague"),
    ({"amount": "$150,000"}, "incomplete"),
    ({"pnl_line": "Cost of delivery", "amount": "150k", "timeline": "Q2 2026"}, "domain"),
    ({"pnl_line": "x", "answer": "cuts cost by $150,000 by June", "timeline": "June"}, "domain"),
])
def test_script_classifies_answers(answers: dict[str, str], verdict: str) -> None:
    program = (
        "global.window = {}; global.document = {readyState: 'complete', querySelector: () => null};"
        f"require({json.dumps(str(CORE))}); require({json.dumps(str(SCRIPT))});"
        f"process.stdout.write(window.pb.scoping.classify({json.dumps(answers)}));")
    node = shutil.which("node")
    assert node is not None
    result = subprocess.run([node, "-e", program], capture_output=True, text=True, check=True)
    assert result.stdout == verdict
