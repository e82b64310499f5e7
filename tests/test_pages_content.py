"""Static checks on the hand-written pages in docs/: front matter, macros and loose figures."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
ROLES = ROOT / "data" / "roles"
PAGES = sorted(DOCS.rglob("*.md"))

REQUIRED_KEYS = {"title", "owner", "last_reviewed", "review_every", "audience", "tags"}
AUDIENCES = {"staff", "editors"}
GUIDANCE_TOPICS = (
    "delivery-pods", "center-of-excellence", "it-operating-models", "workflow-redesign",
    "change-management", "mlops-platform", "data-products-reuse",
    "steady-state-operating-model", "year-2-roadmap", "rewired-synthesis",
)
BOOSTED = ("ghost-pod.md", "pod-design/index.md")

# Figure-like tokens that must come from data through `stat()`/`cite()` or a renderer.
FIGURE = re.compile(
    r"""
      \d[\d,.]*\s?%                                   # 60%, 12.5 %
    | [$€£]\s?\d                                       # $170K, $5,770
    | \bn\s?=\s?\d                                     # n=1,250
    | [+−-]?\d[\d.]*\s?pp\b                            # +6pp, −12.6pp
    | \b\d[\d,.]*\s?[kKM]\b                            # 150K
    | \b\d[\d,.]*\s?(?:FTEs?|hours?|hrs?|minutes?|mins?|days?|weeks?|months?|years?|quarters?)\b
    | \b\d+\s?[–-]\s?\d+\b                             # ranges: 20–30, 2-3
    | \b\d{2,}\b                                       # any other number of two or more digits
    """,
    re.VERBOSE,
)
# Numbers that are names, not figures: Week 1, Stage 3, Ch. 12–13, Exhibit 5.3, Year 2, Q4 2025.
STRUCTURAL = re.compile(
    r"""
      \b(?:Week|Weeks|Stage|Stages|Quarter|Year|Ch\.|Chapter|Exhibit|Role|Step|Q)\s?
        \d+(?:\.\d+)?(?:\s?(?:[–-]|and|or|to)\s?\d+)?\b
    | \b(?:19|20)\d{2}\b                               # calendar years
    | \bSHA-\d+\b                                      # algorithm names
    """,
    re.VERBOSE,
)
CODE = re.compile(r"^(`{3,}|~{3,}).*?^\1|`[^`\n]*`", re.DOTALL | re.MULTILINE)
# Markup that may legitimately hold digits: macro calls, code, link targets, HTML comments.
MASK = re.compile(
    r"\{\{.*?\}\}|```.*?```|`[^`\n]*`|\]\([^)]*\)|<!--.*?-->|^\s*\d+\.\s",
    re.DOTALL | re.MULTILINE,
)


def _split(path: Path) -> tuple[dict[str, object], str]:
    text = path.read_text(encoding="utf-8")
    match = re.match(r"---\n(.*?)\n---\n", text, re.DOTALL)
    assert match, f"{path.relative_to(ROOT)}: no front matter block at the top"
    meta = yaml.safe_load(match.group(1))
    assert isinstance(meta, dict), f"{path.relative_to(ROOT)}: front matter is not a mapping"
    return meta, text[match.end():]


def _id(path: Path) -> str:
    return path.relative_to(DOCS).as_posix()


def _loose_figures(body: str) -> list[str]:
    """Figure-like tokens left in the prose once macro calls and structural numbers are masked."""
    prose = STRUCTURAL.sub(" ", MASK.sub(" ", body))
    return [m.group(0) for m in FIGURE.finditer(prose)]


def test_docs_has_pages() -> None:
    assert len(PAGES) >= 20


@pytest.mark.parametrize("path", PAGES, ids=_id)
def test_front_matter_complete(path: Path) -> None:
    meta, _ = _split(path)
    missing = REQUIRED_KEYS - meta.keys()
    assert not missing, f"{_id(path)}: front matter lacks {sorted(missing)}"
    for key in ("audience", "tags"):
        assert isinstance(meta[key], list), f"{_id(path)}: {key} is not a list"
        assert meta[key], f"{_id(path)}: {key} is empty"
    assert isinstance(meta["last_reviewed"], dt.date), f"{_id(path)}: last_reviewed is not a date"
    assert re.fullmatch(r"[1-9]\d* +(days?|weeks?|months?|years?)", str(meta["review_every"])), (
        f"{_id(path)}: review_every '{meta['review_every']}' is not like '6 months'")


@pytest.mark.parametrize("path", PAGES, ids=_id)
def test_audience_and_owner_are_known(path: Path) -> None:
    meta, _ = _split(path)
    roles = {p.stem for p in ROLES.glob("*.yaml")}
    unknown = set(meta["audience"]) - AUDIENCES - roles  # type: ignore[arg-type]  # YAML is object
    assert not unknown, f"{_id(path)}: unknown audience {sorted(unknown)}"
    assert meta["owner"] in roles | {"AI Center of Excellence"}, f"{_id(path)}: owner"


@pytest.mark.parametrize("path", PAGES, ids=_id)
def test_render_macros_exactly_when_macros_used(path: Path) -> None:
    meta, body = _split(path)
    prose = CODE.sub(" ", body)  # editors' pages may show macro calls as code examples
    calls = "{{" in prose
    assert bool(meta.get("render_macros")) == calls, (
        f"{_id(path)}: render_macros is {meta.get('render_macros')!r} but the page "
        f"{'calls' if calls else 'calls no'} macros")
    if not calls:
        assert "render_macros" not in meta, f"{_id(path)}: drop render_macros (no macros)"
    else:
        shown = [c for c in CODE.findall(body) if "{{" in c or "{%" in c]
        assert not shown, f"{_id(path)}: code examples would be rendered as macros: {shown}"


@pytest.mark.parametrize("path", PAGES, ids=_id)
def test_no_jinja_logic_in_pages(path: Path) -> None:
    _, body = _split(path)
    prose = CODE.sub(" ", body)
    assert "{%" not in prose, f"{_id(path)}: Jinja statements belong in renderers"
    for call in re.findall(r"\{\{.*?\}\}", prose, re.DOTALL):
        assert "\n" not in call, f"{_id(path)}: macro call spans lines: {call!r}"


@pytest.mark.parametrize("path", PAGES, ids=_id)
def test_no_loose_figures_in_prose(path: Path) -> None:
    _, body = _split(path)
    loose = _loose_figures(body)
    assert not loose, f"{_id(path)}: figures outside stat()/cite() or data: {loose}"


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("BCG finds 60% of firms", True),
        ("costs $170K a year", True),
        ("a survey (n=1,993)", True),
        ("review 20–30 samples", True),
        ("within 90 days", True),
        ("a +6pp rise", True),
        ("review 400 contracts", True),
        ("In Week 1 the pod", False),
        ("Stage 3 and Stages 1 and 2", False),
        ("Rewired Ch. 12–13 and Exhibit 5.3", False),
        ("positive from Year 2, Q4 2025", False),
        ('{{ stat("bcg-ai-value-2025", "hardly-any-value") }} of firms', False),
        ("[role](pod-design/x.md) and `n=3`", False),
        ("1. First step\n2. Second step", False),
    ],
)
def test_figure_detector(text: str, flagged: bool) -> None:
    assert bool(_loose_figures(text)) is flagged


@pytest.mark.parametrize("topic", GUIDANCE_TOPICS)
def test_guidance_page_exists_and_is_substantial(topic: str) -> None:
    path = DOCS / "guidance" / f"{topic}.md"
    assert path.is_file(), f"docs/guidance/{topic}.md is missing"
    _, body = _split(path)
    words = re.findall(r"[A-Za-z][A-Za-z'’-]*", MASK.sub(" ", body))
    assert len(words) >= 80, f"docs/guidance/{topic}.md has only {len(words)} words"
    assert "coming soon" not in body.lower()


@pytest.mark.parametrize("name", BOOSTED)
def test_diagnostic_pages_are_boosted_in_search(name: str) -> None:
    meta, _ = _split(DOCS / name)
    assert meta.get("search") == {"boost": 2}


def test_code_examples_do_not_count_as_macro_calls() -> None:
    body = 'Call it like this:\n\n```markdown\n{{ role_matrix() }}\n```\n\nor `{{ cite("x") }}`.\n'
    assert "{{" not in CODE.sub(" ", body)
    assert len(CODE.findall(body)) == 2
