"""The Nu Html Checker (vnu.jar, the W3C's validator) finds no error or warning in our own output.

The whole built site is checked. Messages that come from Material for MkDocs' own templates are
listed, with the reason, in tests/vnu_allowlist.yaml; anything else fails. `make test` vendors
the pinned vnu.jar (tests/vendor_npm.sh) and passes it as VNU_JAR; it needs a Java runtime.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import ROOT, VendorError, vendored

pytestmark = pytest.mark.build
ALLOWLIST = ROOT / "tests" / "vnu_allowlist.yaml"


def _need(what: str) -> None:
    message = f"{what}; `make test` sets it up"
    if os.environ.get("CI"):
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


def vnu_jar() -> Path:
    """vnu.jar: $VNU_JAR, else the vendored copy (fetched by tests/vendor_npm.sh)."""
    try:
        return vendored("VNU_JAR", "vnu-jar", "build/dist/vnu.jar")
    except VendorError as err:
        _need(f"vnu.jar could not be fetched: {err}")
        raise


@pytest.fixture(scope="session")
def vnu_messages(built_site: Path) -> list[dict[str, Any]]:
    """Every error and warning vnu reports for the built site's pages."""
    java = shutil.which("java")
    if java is None:
        _need("the HTML validator needs Java (apt-get install default-jre-headless)")
    assert java is not None
    run = subprocess.run([java, "-jar", str(vnu_jar()), "--format", "json", "--skip-non-html",
                          "--exit-zero-always", str(built_site)],
                         capture_output=True, text=True, timeout=600, check=False)
    assert run.returncode == 0, run.stderr[-2000:]
    messages: list[dict[str, Any]] = json.loads(run.stderr)["messages"]
    return [m for m in messages if m["type"] in {"error", "non-document-error"}
            or m.get("subType") == "warning"]


def _allowed() -> list[dict[str, str]]:
    entries: list[dict[str, str]] = yaml.safe_load(ALLOWLIST.read_text(encoding="utf-8"))
    for entry in entries:
        assert set(entry) == {"message", "extract", "template", "reason"}, entry
        assert len(entry["reason"].split()) >= 10, "say why the site can live with it"
    return entries


def _matches(entry: dict[str, str], message: dict[str, Any]) -> bool:
    return bool(re.search(entry["message"], message["message"])
                and re.search(entry["extract"], message.get("extract", "")))


def _where(message: dict[str, Any], site: Path) -> str:
    page = message.get("url", "").removeprefix("file:").removeprefix(str(site) + "/")
    return f"{page}:{message.get('lastLine', '?')}: {message['type']}: {message['message']}"


def test_our_output_has_no_errors_or_warnings(vnu_messages: list[dict[str, Any]],
                                              built_site: Path) -> None:
    allowed = _allowed()
    ours = [m for m in vnu_messages if not any(_matches(e, m) for e in allowed)]
    assert not ours, "\n".join(_where(m, built_site) for m in ours[:50])


def test_every_allowlist_entry_still_matches(vnu_messages: list[dict[str, Any]]) -> None:
    stale = [e["message"] for e in _allowed() if not any(_matches(e, m) for m in vnu_messages)]
    assert not stale, f"remove these from {ALLOWLIST.name}: {stale}"


def test_the_checker_sees_the_pages(vnu_messages: list[dict[str, Any]], built_site: Path) -> None:
    # Material's known messages show that vnu read the pages (an empty run would pass the rest).
    pages = {m.get("url", "") for m in vnu_messages}
    assert len(pages) > len(list(built_site.rglob("*.html"))) // 2


def test_the_toc_label_message_is_only_on_pages_without_the_toc_toggle(
        vnu_messages: list[dict[str, Any]], built_site: Path) -> None:
    # What the allow-list says of it: the label points at a checkbox Material did not write.
    pages = {m["url"].removeprefix("file:") for m in vnu_messages if 'for="__toc"' in m.get("extract", "")}
    assert pages
    assert not [p for p in pages if 'id="__toc"' in Path(p).read_text(encoding="utf-8")]
