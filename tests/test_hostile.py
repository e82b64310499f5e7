"""Hostile input: every file is rejected quickly, in little memory, with FILE:LINE and the limit."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from macros.load import limits
from macros.load.loader import load_playbook
from macros.load.yaml_reader import read_yaml
from tests.test_loader import MINI, assert_one, errors_for, line_of, replace

POD = "data/pods/acme.yaml"
# Runs `playbook check` and reports the child's own peak memory (kB) on its last stderr line.
# VmHWM, not ru_maxrss: Linux carries the parent's peak into ru_maxrss across exec, so a large
# pytest process would be counted as the child's.
_MEASURED = (
    "import sys\n"
    "from macros.cli.main import main\n"
    "code = main(sys.argv[1:])\n"
    "with open('/proc/self/status') as status:\n"
    "    peak = next(line for line in status if line.startswith('VmHWM:'))\n"
    "print(peak.split()[1], file=sys.stderr)\n"
    "sys.exit(code)\n")


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A writable copy of the mini fixture, in a folder called data/."""
    target = tmp_path / "data"
    shutil.copytree(MINI, target)
    return target


def check(data: Path, *extra: str, seconds: float = 20) -> tuple[int, str, int]:
    """Exit status, output and peak memory in MB of `playbook check` on `data`."""
    result = subprocess.run(
        [sys.executable, "-c", _MEASURED, "check", "--data", str(data), *extra],
        capture_output=True, text=True, check=False, timeout=seconds,
        env={**os.environ, "SOURCE_DATE_EPOCH": "1795000000"})
    assert "Traceback" not in result.stdout + result.stderr, result.stderr
    assert "internal error" not in result.stdout + result.stderr, result.stderr
    peak_mb = int(result.stderr.strip().splitlines()[-1]) // 1024
    return result.returncode, result.stdout, peak_mb


def rejected(data: Path, prefix: str, *words: str) -> str:
    """`playbook check` fails fast and small, with one message at `prefix` holding `words`."""
    status, out, peak_mb = check(data, "--no-pages")
    assert status == 1, out
    assert peak_mb < 200, f"peak memory {peak_mb} MB"
    return assert_one(out.splitlines(), prefix, *words)


def laughs(levels: int) -> str:
    """The 'billion laughs': each level a list of nine aliases of the level before."""
    lines = ['l0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"l{n}: &l{n} [{', '.join([f'*l{n - 1}'] * 9)}]" for n in range(1, levels + 1)]
    return "\n".join(lines) + "\n"


def test_billion_laughs_is_refused_quickly(data: Path) -> None:
    (data / "pods" / "laughs.yaml").write_text(laughs(9), encoding="utf-8")
    status, out, peak_mb = check(data, "--no-pages", seconds=5)
    assert status == 1
    assert peak_mb < 200
    first = [line for line in out.splitlines() if line.startswith("data/pods/laughs.yaml:1: l0:")]
    assert first, out
    assert "anchors and aliases" in first[0]


def test_aliases_inside_a_real_pod_are_refused(data: Path) -> None:
    replace(data / "pods" / "acme.yaml", "  domain_scope:\n", "  domain_scope: &scope\n")
    pod = data / "pods" / "acme.yaml"
    pod.write_text(pod.read_text(encoding="utf-8") + "  other: *scope\n", encoding="utf-8")
    errors = errors_for(data)
    assert_one(errors, f"{POD}:{line_of(pod, '&scope')}: pod.domain_scope:", "anchors")


@pytest.mark.parametrize("depth", [300, 600, 5000, 100_000])
def test_deep_nesting_is_a_message_not_a_crash(data: Path, depth: int) -> None:
    (data / "pods" / "deep.yaml").write_text("pod: " + "[" * depth + "]" * depth + "\n",
                                             encoding="utf-8")
    rejected(data, "data/pods/deep.yaml:1:", "nested", "MAX_DEPTH")


def test_deep_indentation_names_the_limit(data: Path) -> None:
    text = "".join("  " * level + f"k{level}:\n" for level in range(400))
    (data / "pods" / "deep.yaml").write_text(text, encoding="utf-8")
    rejected(data, f"data/pods/deep.yaml:{limits.MAX_DEPTH + 1}:", "MAX_DEPTH",
             str(limits.MAX_DEPTH))


def test_a_20_mb_string_is_refused_by_file_size(data: Path) -> None:
    replace(data / "pods" / "acme.yaml", "  name: Acme revenue pod\n",
            "  name: " + "x" * 20_000_000 + "\n")
    rejected(data, f"{POD}:1: (file):", "MAX_FILE_BYTES", "512 KB")


def test_a_long_text_value_names_the_limit(data: Path) -> None:
    pod = data / "pods" / "acme.yaml"
    replace(pod, "  name: Acme revenue pod\n", "  name: " + "x" * (limits.MAX_TEXT_CHARS + 1) + "\n")
    assert_one(errors_for(data), f"{POD}:{line_of(pod, '  name: xxx')}: pod.name:",
               "MAX_TEXT_CHARS", f"{limits.MAX_TEXT_CHARS:,}")


def test_all_data_files_together_are_bounded(data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import macros.load.loader as loader

    monkeypatch.setattr(loader, "MAX_DATA_BYTES", 2_000)
    errors = errors_for(data)
    assert len(errors) == 1, errors
    assert "MAX_DATA_BYTES" in errors[0]


def test_a_python_tag_on_a_list_is_reported_not_dropped(data: Path) -> None:
    pod = data / "pods" / "acme.yaml"
    replace(pod, "  domain_scope:\n", "  domain_scope: !!python/tuple\n")
    assert_one(errors_for(data), f"{POD}:{line_of(pod, '!!python')}: pod.domain_scope:",
               "'!!python/tuple'", "not allowed")


def test_a_tag_on_a_value_is_reported(data: Path) -> None:
    pod = data / "pods" / "acme.yaml"
    replace(pod, "  kpi: Review time per contract\n",
            "  kpi: !!python/object/apply:os.system [echo]\n")
    assert_one(errors_for(data), f"{POD}:{line_of(pod, 'kpi:')}: pod.kpi:", "tag")


def test_a_second_document_is_reported_on_its_own_line(data: Path) -> None:
    pod = data / "pods" / "acme.yaml"
    pod.write_text(pod.read_text(encoding="utf-8") + "---\npod:\n  id: other\n", encoding="utf-8")
    assert_one(errors_for(data), f"{POD}:{line_of(pod, '---')}: (file):", "more than one")


def test_a_file_holding_only_null_is_not_silently_skipped(data: Path) -> None:
    (data / "pods" / "nothing.yaml").write_text("~\n", encoding="utf-8")
    assert_one(errors_for(data), "data/pods/nothing.yaml:1:", "empty")


@pytest.mark.parametrize("written", ["1_200", "0x4B0", "1.2e3", "1e3", "0o17", "0b101", ".inf",
                                     "-.Inf", ".NaN", "1200.", "20:00"])
def test_numbers_yaml_versions_read_differently_are_refused(data: Path, written: str) -> None:
    pod = data / "pods" / "acme.yaml"
    replace(pod, "    employees: 500\n", f"    employees: {written}\n")
    assert_one(errors_for(data), f"{POD}:{line_of(pod, 'employees')}: pod.organisation.employees:",
               f"'{written}' is ambiguous")


def test_the_hint_never_suggests_an_invalid_id(data: Path) -> None:
    (data / "pods" / "acme.yaml").rename(data / "pods" / "My Pod.yaml")
    message = assert_one(errors_for(data), "data/pods/My Pod.yaml:3: pod.id:", "acme.yaml")
    assert "'My Pod'" not in message.split("; ", 1)[1]


def test_unusual_but_valid_yaml_still_loads(data: Path) -> None:
    pod = data / "pods" / "acme.yaml"
    text = pod.read_text(encoding="utf-8")
    text = text.replace("  name: Acme revenue pod\n", "  name: 'Café pod: #1 — Zürich'\n")
    text = text.replace("  kpi: Review time per contract\n",
                        "  # a comment\n  kpi: >-\n    Review time\n    per contract\n")
    text = text.replace("  business_metric: Senior attorney review hours per contract\n",
                        "  business_metric: |\n    Senior attorney review hours\n")
    text = re.sub(r"  domain_scope:\n(    - .*\n)+",
                  "  domain_scope: [Contract review, \"a: b # c\"]  # flow style\n", text)
    pod.write_bytes(("\ufeff" + text).replace("\n", "\r\n").encode("utf-8"))
    pods = {p.id: p for p in load_playbook(data).pods}
    assert pods["acme"].name == "Café pod: #1 — Zürich"
    assert pods["acme"].kpi == "Review time per contract"
    assert pods["acme"].business_metric == "Senior attorney review hours\n"
    assert pods["acme"].domain_scope == ("Contract review", "a: b # c")


def test_schema_errors_do_not_hide_cross_file_errors(data: Path) -> None:
    replace(data / "pods" / "acme.yaml", "      allocation: 30\n", "      allocation: 150\n")
    replace(data / "pods" / "beta.yaml", "role: domain-owner", "role: domain-ownr")
    errors = errors_for(data)
    assert any(e.startswith(f"{POD}:") and "allocation" in e for e in errors), errors
    assert any(e.startswith("data/pods/beta.yaml:") and "domain-ownr" in e for e in errors), errors


def test_an_invalid_file_does_not_make_its_ids_look_missing(data: Path) -> None:
    # beta's file breaks; a reference to it from acme must not be reported as dangling.
    replace(data / "roles" / "domain-owner.yaml", "  name:", "  nam:")
    errors = errors_for(data)
    assert all(e.startswith("data/roles/domain-owner.yaml") for e in errors), errors


def one_page(tmp_path: Path, body: str, *, last_reviewed: str = "2026-11-01",
             render_macros: str = "true") -> Path:
    """A docs folder holding one page: front matter on lines 1-9, its title on 11, `body` from
    line 13; returns the folder."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "page.md").write_text(
        f"---\ntitle: A page\nowner: AI CoE\nlast_reviewed: {last_reviewed}\n"
        f"review_every: 6 months\naudience: [staff]\ntags: [test]\n"
        f"render_macros: {render_macros}\n---\n\n# A page\n\n{body}", encoding="utf-8")
    return docs


def test_data_errors_do_not_hide_page_errors(data: Path, tmp_path: Path) -> None:
    replace(data / "pods" / "acme.yaml", "      allocation: 30\n", "      allocation: 150\n")
    docs = one_page(tmp_path, "{{ role_matrx() }}\n", last_reviewed='"2026-11-01"')
    status, out, _peak = check(data, "--docs", str(docs))
    assert status == 1
    lines = out.splitlines()
    assert any(line.startswith(f"{POD}:") for line in lines), out
    assert any(line.startswith("docs/page.md:4: last_reviewed:") for line in lines), out
    assert any(line.startswith("docs/page.md:13:") and "role_matrx" in line for line in lines), out


@pytest.mark.parametrize("jinja", ['{{ "x" * 1000000000 }}', "{{ 10 ** 10 ** 9 }}",
                                   '{{ role_card("x" * 1000000000) }}',
                                   '{{ ("ab" * 100000) * 100000 }}'])
def test_a_page_whose_jinja_would_build_a_huge_value_is_refused_quickly(
        data: Path, tmp_path: Path, jinja: str) -> None:
    docs = one_page(tmp_path, f"{jinja}\n")
    status, out, peak_mb = check(data, "--docs", str(docs), seconds=5)
    assert status == 1
    assert peak_mb < 200, f"peak memory {peak_mb} MB"
    assert any(line.startswith("docs/page.md:13: jinja:") and "not allowed" in line
               for line in out.splitlines()), out


def test_a_page_with_thousands_of_errors_is_capped_and_hides_no_other_file(
        data: Path, tmp_path: Path) -> None:
    replace(data / "pods" / "acme.yaml", "      allocation: 30\n", "      allocation: 150\n")
    docs = one_page(tmp_path, '{{ role_card("nobody") }}\n' * 2_000)
    status, out, _peak = check(data, "--docs", str(docs))
    assert status == 1
    page = [line for line in out.splitlines() if line.startswith("docs/page.md:")]
    assert len(page) == limits.MAX_PROBLEMS_PER_FILE + 1, len(page)
    assert "MAX_PROBLEMS_PER_FILE" in page[-1]
    assert any(line.startswith(f"{POD}:") and "allocation" in line for line in out.splitlines())


def test_a_number_too_long_for_python_in_a_page_is_a_message_not_a_crash(
        data: Path, tmp_path: Path) -> None:
    docs = one_page(tmp_path, f"Text.\n\n{{{{ role_card({'9' * 5_000}) }}}}\n")
    status, out, _peak = check(data, "--docs", str(docs))
    assert status == 1, out
    assert any(line.startswith("docs/page.md:15: jinja:") and "digits" in line
               for line in out.splitlines()), out


@pytest.mark.parametrize("value", ["1", "1.0", '"true"', '"false"', "[true]"])
def test_render_macros_takes_only_true_or_false(data: Path, tmp_path: Path, value: str) -> None:
    # mkdocs-macros renders a page when render_macros == True, so `1` would run the page's
    # Jinja in the build while the check, reading `is True`, skipped it.
    docs = one_page(tmp_path, "{{ config.__class__.__mro__ }}\n", render_macros=value)
    status, out, _peak = check(data, "--docs", str(docs))
    assert status == 1, out
    lines = out.splitlines()
    assert any(line.startswith("docs/page.md:8: render_macros: expected true or false")
               for line in lines), out
    if value in ("1", "1.0"):
        assert any(line.startswith("docs/page.md:13: jinja:") for line in lines), out


def test_messages_are_sorted_by_file_and_line_with_a_count(data: Path) -> None:
    replace(data / "pods" / "beta.yaml", "role: domain-owner", "role: domain-ownr")
    replace(data / "pods" / "acme.yaml", "      allocation: 30\n", "      allocation: 150\n")
    replace(data / "pods" / "acme.yaml", "    employees: 500\n", "    employees: 1_200\n")
    _status, out, _peak = check(data, "--no-pages")
    lines = out.splitlines()
    messages = [line for line in lines if re.match(r"^data/", line)]
    keys = [(m.split(":")[0], int(m.split(":")[1])) for m in messages]
    assert keys == sorted(keys)
    assert len(keys) >= 3
    assert lines[-1].startswith(f"{len(messages)} errors in 2 files"), lines[-1]


def test_reader_limits_are_named_in_one_module() -> None:
    problems = read_yaml("a:\n" + "".join("  " * n + f"  k{n}:\n" for n in range(40))).problems
    assert problems
    assert "MAX_DEPTH" in problems[0].message


def test_jinja_errors_in_a_page_are_found_by_the_check(tmp_path: Path) -> None:
    from macros.load.page_jinja import check_page_templates

    docs = tmp_path / "docs"
    docs.mkdir()
    head = "---\ntitle: x\nrender_macros: true\n---\n\n"
    (docs / "a.md").write_text(head + "Fine {{ known() }} {{ config.repo_url }} {{ title }}\n"
                               "{% raw %}{{ shown }}{% endraw %}\n", encoding="utf-8")
    (docs / "b.md").write_text(head + "\n{{ known( }}\n", encoding="utf-8")
    (docs / "c.md").write_text(head + "{{ missing_name }}\n", encoding="utf-8")
    (docs / "d.md").write_text("---\ntitle: x\n---\n{{ missing_name }} {{ x( }}\n", encoding="utf-8")
    found = [f"{e.file}:{e.line}: {e.message}" for e in check_page_templates(docs, {"known"})]
    assert len(found) == 2, found
    assert found[0].startswith("docs/b.md:7: the page's Jinja is not valid")
    assert found[1] == "docs/c.md:6: 'missing_name' is not defined when the site is built"


@pytest.mark.parametrize("jinja", [
    "{{ config.__class__.__init__.__globals__ }}", "{{ ''.__class__.__mro__ }}",
    "{{ config.plugins }}", "{% set x = config %}", "{% for p in config.nav %}{% endfor %}",
    "{{ role_card(config.site_name) }}", "{{ title | e }}", "{% include 'x.html' %}",
    "{{ config }}", "{{ git }}", "{{ environment }}", "{{ plugin }}", "{{ page }}",
])
def test_pages_may_not_reach_python_objects(tmp_path: Path, jinja: str) -> None:
    from macros.load.page_jinja import check_page_templates

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.md").write_text(f"---\ntitle: x\nrender_macros: true\n---\n\n{jinja}\n",
                               encoding="utf-8")
    found = check_page_templates(docs, {"role_card"})
    assert [e.line for e in found if "not allowed in a page" in e.message] == [6], found


def test_loaded_files_are_typed_for_every_kind() -> None:
    import typing

    from macros.load.loaded import LoadedFiles
    from macros.model.data_files import KINDS

    hints = typing.get_type_hints(LoadedFiles)
    assert set(hints) == {k.name for k in KINDS}
    for kind in KINDS:  # list[Loaded[<the kind's model>]]
        assert typing.get_args(typing.get_args(hints[kind.name])[0]) == (kind.model,), kind.name
