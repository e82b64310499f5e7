"""The ghost-pod checklist as an editor uses it: tick, reload, copy the record, commit, reset."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path
from urllib.parse import urljoin

import pytest
from playwright.sync_api import Page

from macros.load.loader import load_playbook
from macros.model import data as m
from macros.model.playbook import Playbook
from tests.browser.support import REPO, PageFactory

pytestmark = pytest.mark.browser

PAGE = "ghost-pod/"
DIAGNOSTIC = "ghost-pod"
BOX = "[data-pod-checklist] input[type=checkbox][name=signal]"
SCORE = "[data-pod-checklist] .pod-checklist__score"
VERDICT = "[data-pod-checklist] .pod-checklist__verdict"
RECORD = "[data-pod-checklist] .pod-checklist__record"
REVIEW_DATE = dt.date(2026, 5, 4)


def verdict_for(diagnostic: m.Diagnostic, ticked: list[str]) -> tuple[int, m.VerdictBand]:
    """Score (sum of the ticked signals' weights) and the highest band it reaches."""
    score = sum(s.weight for s in diagnostic.signals if s.id in ticked)
    bands = sorted(diagnostic.verdicts, key=lambda band: band.min_score)
    return score, [band for band in bands if band.min_score <= score][-1]


def shown(page: Page) -> tuple[str, str, list[str]]:
    """Score text, verdict text and ticked signal ids as the page shows them."""
    ticked = page.locator(BOX).evaluate_all("els => els.filter(e => e.checked).map(e => e.value)")
    return (page.locator(SCORE).inner_text().strip(), page.locator(VERDICT).inner_text().strip(),
            ticked)


def assert_state(page: Page, diagnostic: m.Diagnostic, ticked: list[str], when: str) -> None:
    """The page shows exactly `ticked`, with the score and verdict they add up to."""
    score, band = verdict_for(diagnostic, ticked)
    got_score, got_verdict, got_ticked = shown(page)
    where = f"{page.url} ({when})"
    assert sorted(got_ticked) == sorted(ticked), f"{where}: ticked {got_ticked}, want {ticked}"
    assert got_score == str(score), f"{where}: {SCORE} shows {got_score!r}, want {score}"
    assert got_verdict == band.label, f"{where}: {VERDICT} shows {got_verdict!r}, want {band.label!r}"


def open_checklist(page: Page, base_url: str) -> None:
    """Open the ghost-pod page and wait until the checklist script has taken over."""
    page.goto(urljoin(base_url, PAGE), wait_until="load")
    controls = page.locator("[data-pod-checklist] .pod-checklist__controls")
    controls.wait_for(state="visible", timeout=5000)


def paste_review(pod_file: Path, record: str) -> None:
    """Paste a copied record under `reviews:` of a pod file, as an editor would."""
    lines = textwrap.dedent(record).strip("\n").splitlines()
    if lines and lines[0].strip() == "reviews:":
        lines = textwrap.dedent("\n".join(lines[1:])).splitlines()
    if not lines[0].startswith("- "):
        lines = ["- " + lines[0]] + ["  " + line for line in lines[1:]]
    item = "".join(f"    {line}\n" for line in lines)
    text = pod_file.read_text(encoding="utf-8")
    if re.search(r"^  reviews:\s*$", text, flags=re.M):
        text = re.sub(r"^  reviews:\s*\n", lambda hit: hit.group(0) + item, text, count=1,
                      flags=re.M)
    else:
        text = text.rstrip("\n") + "\n  reviews:\n" + item
    pod_file.write_text(text, encoding="utf-8")


def playbook_check(data_dir: Path) -> subprocess.CompletedProcess[str]:
    """Run `playbook check` on a data folder, the command an editor runs before committing."""
    command = Path(sys.executable).with_name("playbook")
    return subprocess.run([str(command), "--root", str(REPO), "check", "--data", str(data_dir),
                           "--no-pages"], capture_output=True, text=True, timeout=120,
                          check=False)


def test_ticks_update_score_and_verdict_and_survive_reload(
    page: Page, base_url: str, playbook: Playbook
) -> None:
    """Each tick changes score and verdict as the data's weights say; reload keeps the ticks."""
    diagnostic = playbook.diagnostic(DIAGNOSTIC)
    open_checklist(page, base_url)
    assert_state(page, diagnostic, [], "fresh page")
    ticked: list[str] = []
    for signal in diagnostic.signals:
        page.locator(f"{BOX}[value='{signal.id}']").check()
        ticked.append(signal.id)
        assert_state(page, diagnostic, ticked, f"after ticking {signal.id}")
    page.locator(f"{BOX}[value='{diagnostic.signals[0].id}']").uncheck()
    ticked.remove(diagnostic.signals[0].id)
    assert_state(page, diagnostic, ticked, f"after unticking {diagnostic.signals[0].id}")
    page.reload(wait_until="load")
    assert_state(page, diagnostic, ticked, "after reload")
    page.locator("[data-pod-checklist] .pod-checklist__reset").click()
    assert_state(page, diagnostic, [], "after reset")
    page.reload(wait_until="load")
    assert_state(page, diagnostic, [], "after reset and reload")


def test_copied_record_passes_playbook_check(
    new_page: PageFactory, base_url: str, playbook: Playbook, tmp_path: Path
) -> None:
    """The copied YAML, pasted under `reviews:` of a pod file, passes `playbook check`."""
    page, _ = new_page(permissions=["clipboard-read", "clipboard-write"])
    diagnostic = playbook.diagnostic(DIAGNOSTIC)
    pod = playbook.pods[0]
    open_checklist(page, base_url)
    form = page.locator("[data-pod-checklist]")
    form.locator(".pod-checklist__pod").fill(pod.id)
    form.locator(".pod-checklist__date").fill(REVIEW_DATE.isoformat())
    form.locator(".pod-checklist__reviewer").fill("Browser test <editor> {{ 7*7 }}")
    page.locator(f"{BOX}[value='{diagnostic.signals[-1].id}']").check()
    form.locator(".pod-checklist__copy").click()
    page.wait_for_function(f"() => document.querySelector('{RECORD}').value.trim() !== ''",
                           timeout=3000)
    record = page.locator(RECORD).input_value()
    copied = page.evaluate("() => navigator.clipboard.readText()")
    assert copied.strip() == record.strip(), (
        f"{page.url}: clipboard differs from {RECORD}:\n{copied}\n---\n{record}")

    data = tmp_path / "data"
    shutil.copytree(REPO / "data", data)
    pod_file = data / "pods" / f"{pod.id}.yaml"
    paste_review(pod_file, copied)
    done = playbook_check(data)
    assert done.returncode == 0, (
        f"{page.url}: copied record fails `playbook check` in {pod_file}:\n{copied}\n"
        f"{done.stdout}{done.stderr}")
    reviews = load_playbook(data).pod(pod.id).reviews
    latest = next((r for r in reviews if r.date == REVIEW_DATE), None)
    assert latest is not None, f"{pod_file}: no review dated {REVIEW_DATE} after pasting"
    ticked = {s for s, on in latest.signals.items() if on}
    assert ticked == {diagnostic.signals[-1].id}, f"{pod_file}: review signals {latest.signals}"
    assert latest.reviewer == "Browser test <editor> {{ 7*7 }}", f"{pod_file}: {latest.reviewer!r}"
