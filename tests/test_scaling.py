"""Structural properties that keep builds linear in the number of pods (`make bench` measures)."""

from __future__ import annotations

import datetime as dt
import posixpath
import re
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from bench.project import copy_project
from bench.synth import write_pods
from tests.conftest import build_site
from tests.htmlparse import parse

pytestmark = pytest.mark.build

SMALL, LARGE = 10, 30
# A pod page links to the pods it inherits from (at most one per asset) and little else.
MAX_POD_LINKS = 8


@dataclass(frozen=True)
class Registry:
    """A copy of the project with `count` synthetic pods, built into `site`."""

    count: int
    root: Path
    site: Path
    pod_ids: tuple[str, ...]  # the synthetic ones, in generation order


@pytest.fixture(scope="session")
def registries(tmp_path_factory: pytest.TempPathFactory) -> dict[int, Registry]:
    """The real project with 10 and with 30 synthetic pods (the first 10 are the same), built."""
    pool = tmp_path_factory.mktemp("pool")
    copy_project(pool)
    paths = write_pods(pool / "data", LARGE, seed=7, today=dt.date.today())
    built = {}
    for count in (SMALL, LARGE):
        root = tmp_path_factory.mktemp(f"pods-{count}")
        config = copy_project(root / "project", paths[:count])
        result = build_site(config, root / "site")
        assert result.returncode == 0, f"build with {count} pods failed:\n{result.stderr}"
        built[count] = Registry(count, config.parent, root / "site",
                                tuple(p.stem for p in paths[:count]))
    return built


def linked_pods(html: str, page_url: str, pod_ids: set[str]) -> set[str]:
    """Ids of the pod pages that the page at `page_url` links to, itself excluded."""
    found = set()
    for element in parse(html).find_all("a"):
        href = element.attrs.get("href", "").split("#")[0]
        if not href or "://" in href or href.startswith(("mailto:", "/")):
            continue
        target = posixpath.normpath(posixpath.join(page_url, href))
        match = re.fullmatch(r"pods/([a-z0-9-]+)(?:/index\.html)?", target)
        if match and match.group(1) in pod_ids:
            found.add(match.group(1))
    return found - {posixpath.basename(page_url.rstrip("/"))}


def primary_nav(html: str) -> str:
    """The raw HTML of the page's primary navigation, nested `<nav>` elements included."""
    start = html.index('<nav class="md-nav md-nav--primary"')
    depth, position = 0, start
    for tag in re.finditer(r"<(/?)nav\b", html[start:]):
        depth += -1 if tag.group(1) else 1
        position = start + tag.end()
        if depth == 0:
            return html[start:html.index(">", position) + 1]
    raise AssertionError("unbalanced <nav> in the page")


def pod_page(registry: Registry, pod_id: str) -> str:
    """The built HTML of one pod page."""
    return (registry.site / "pods" / pod_id / "index.html").read_text(encoding="utf-8")


def test_pod_pages_link_to_a_bounded_number_of_pods(registries: dict[int, Registry]) -> None:
    large = registries[LARGE]
    known = set(large.pod_ids)
    counts = {pod_id: len(linked_pods(pod_page(large, pod_id), f"pods/{pod_id}/", known))
              for pod_id in large.pod_ids}
    assert max(counts.values()) <= MAX_POD_LINKS, counts


def test_a_pod_page_does_not_list_the_registry(registries: dict[int, Registry]) -> None:
    """The check above must see pod links at all: the registry page itself links to every pod."""
    large = registries[LARGE]
    html = (large.site / "pods" / "index.html").read_text(encoding="utf-8")
    assert linked_pods(html, "pods/", set(large.pod_ids)) == set(large.pod_ids)


def test_nav_on_a_pod_page_does_not_grow_with_the_registry(registries: dict[int, Registry]) -> None:
    small, large = registries[SMALL], registries[LARGE]
    for pod_id in small.pod_ids[:3]:  # the same pods, in a registry three times as large
        small_nav = primary_nav(pod_page(small, pod_id))
        large_nav = primary_nav(pod_page(large, pod_id))
        assert abs(len(large_nav) - len(small_nav)) <= 0.01 * len(small_nav) + 64, pod_id
        assert large.pod_ids[-1] not in large_nav


def test_playbook_check_is_fast(registries: dict[int, Registry]) -> None:
    large = registries[LARGE]
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "macros.cli.main", "--root", str(large.root), "check"],
                            capture_output=True, text=True, check=False, cwd=large.root)
    elapsed = time.perf_counter() - started
    assert result.returncode == 0, result.stdout + result.stderr
    assert elapsed < 3.0, f"`playbook check` over {LARGE} pods took {elapsed:.2f} s"


def test_synthetic_pods_record_their_last_six_cycles(registries: dict[int, Registry]) -> None:
    """`make bench` gives each synthetic pod records of the (up to) six cycles that have ended."""
    from macros.compute import quarter
    from macros.load.loader import load_playbook

    large = registries[LARGE]
    pb = load_playbook(large.root / "data")
    for pod_id in large.pod_ids:
        launch = pb.pod(pod_id).launch_date
        assert launch is not None
        ended = quarter.cycles_ended(pb.cycle, launch, dt.date.today())
        numbers = [r.number for r in pb.pod_cycles(pod_id)]
        assert numbers == list(range(max(1, ended - 5), ended + 1)), pod_id
    assert sum(len(pb.pod_cycles(p)) == 6 for p in large.pod_ids) >= LARGE // 2
