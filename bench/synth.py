"""Synthetic pods: the project's scaffolded starter, filled with seeded, realistic data."""

from __future__ import annotations

import datetime as dt
import random
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from bench import vocabulary as vocab
from macros.cli.scaffold import new_file
from macros.compute.quarter import cycle_dates, cycles_ended
from macros.load.loader import load_playbook
from macros.load.yaml_reader import read_yaml
from macros.model import data as m
from macros.model.calendar import working_days

DAY = dt.timedelta(days=1)


@dataclass
class Context:
    """What every pod draws on: the real roles, assets and signals, and pods written so far."""

    roles: dict[str, m.Role]
    assets: tuple[str, ...]
    signals: tuple[str, ...]
    diagnostic: str
    today: dt.date
    builders: dict[str, list[str]] = field(default_factory=dict)  # asset id -> pods that built it
    cycle: m.CycleFile | None = None  # the cycle's lengths, to date the cycle records
    columns: tuple[str, ...] = ()  # the decision log's column keys

# Cycle records per synthetic pod old enough to have run six cycles.
CYCLES_PER_POD = 6


def write_pods(data_dir: Path, count: int, *, seed: int, today: dt.date) -> list[Path]:
    """Write `count` synthetic pods into `data_dir/pods`, in order; pod i depends on pods < i only."""
    ctx = _context(data_dir, today)
    paths = []
    for index in range(1, count + 1):
        rng = random.Random(f"{seed}:{index}")  # per pod, so a smaller run is a prefix of a larger one
        paths.append(_write_pod(data_dir, index, rng, ctx))
    return paths


def _context(data_dir: Path, today: dt.date) -> Context:
    pb = load_playbook(data_dir)
    diagnostic = pb.diagnostics[0]
    ctx = Context(roles={r.id: r for r in pb.roles}, assets=tuple(a.id for a in pb.assets),
                  signals=tuple(s.id for s in diagnostic.signals), diagnostic=diagnostic.id,
                  today=today, cycle=pb.cycle,
                  columns=tuple(m.column_key(c.name) for c in pb.template("decision-log").columns))
    for pod in pb.pods:
        for held in pod.infrastructure:
            if held.status == "built":
                ctx.builders.setdefault(held.asset, []).append(pod.id)
    return ctx


def _write_pod(data_dir: Path, index: int, rng: random.Random, ctx: Context) -> Path:
    sector = rng.choice(vocab.SECTORS)
    domain = rng.choice(sector.domains)
    org = _organisation(rng, sector)
    ident = f"{slug(org['name'])}-{slug(domain.name)}-{index:04d}"
    path = new_file("pod", ident, data_dir, today=ctx.today)
    text = path.read_text(encoding="utf-8")
    starter = yaml.safe_load(text)
    pod: dict[str, Any] = starter["pod"]
    pod.update(_pod_fields(rng, ctx, org, domain, pod["roles"]))
    starter["pod"] = pod = {key: pod[key] for key in m.Pod.model_fields if key in pod}
    for held in pod.get("infrastructure", ()):
        if held["status"] == "built":
            ctx.builders.setdefault(held["asset"], []).append(ident)
    header = text.splitlines()[0]  # the schema line the editor's YAML plugin reads
    path.write_text(f"{header}\n# Synthetic pod written by `make bench`.\n{dump(starter)}",
                    encoding="utf-8")
    _write_cycles(data_dir, pod, random.Random(rng.random()), ctx)
    return path


def _write_cycles(data_dir: Path, pod: dict[str, Any], rng: random.Random, ctx: Context) -> None:
    """The last six cycles that have ended (fewer for a pod launched less than six cycles ago):
    a record never holds a date after the build date."""
    assert ctx.cycle is not None
    launch: dt.date = pod["launch_date"]
    last = cycles_ended(ctx.cycle, launch, ctx.today)
    if last < 1:
        return
    folder = data_dir / "pods" / pod["id"]
    folder.mkdir(parents=True, exist_ok=True)
    state = {"success": rng.uniform(70, 92), "errors": rng.uniform(1, 9), "adoption": rng.uniform(20, 80),
             "kpi": rng.uniform(20, 60)}
    for number in range(max(1, last - CYCLES_PER_POD + 1), last + 1):
        record = _cycle_record(pod, number, rng, ctx, state)
        text = ("# yaml-language-server: $schema=../../../schemas/cycle-record.schema.json\n"
                f"# Synthetic cycle written by `make bench`.\n{dump({'cycle': record})}")
        (folder / f"cycle-{number:02d}.yaml").write_text(text, encoding="utf-8")


def _cycle_record(pod: dict[str, Any], number: int, rng: random.Random, ctx: Context,
                  state: dict[str, float]) -> dict[str, Any]:
    assert ctx.cycle is not None
    dates = cycle_dates(ctx.cycle, pod["launch_date"], number)
    # Each week's working days, from its first to its last, as the check and the pages count them.
    week = [working_days(ctx.cycle, *span) for span in dates.weeks]
    for key, drift in (("success", 2.0), ("errors", 0.6), ("adoption", 6.0)):
        state[key] = min(99.0, max(0.5, state[key] + rng.uniform(-drift, drift * 1.5)))
    review: dict[str, Any] = {
        "date": rng.choice(week[0][:3]),
        "task_success_rate": round(state["success"], 1), "error_rate": round(state["errors"], 1),
        "adoption": round(state["adoption"]),
        "kpi": {"value": round(state["kpi"] * rng.uniform(0.7, 1.0), 1),
                "baseline": round(state["kpi"], 1), "unit": "minutes per item",
                "lower_is_better": True},
        "evaluation": [{"metric": e["name"], "value": round(e["value"] * rng.uniform(0.93, 1.05), 1)}
                       for e in pod.get("evaluation_metrics", [])],
        "samples_reviewed": rng.choice((0, 12, 20, 24, 25, 28, 30)),
        "adjustment": {"kind": rng.choice(("prompt-regression", "data-quality",
                                           "workflow-redesign", "training-gap")),
                       "summary": rng.choice(vocab.REVIEW_NOTES)},
    }
    record: dict[str, Any] = {"pod": pod["id"], "number": number, "review": review,
                              "build": {"rubric_changed": False, "feedback_patterns": []}}
    if rng.random() < 0.8:
        before = round(state["errors"], 1)
        record["deploy"] = {
            "date": rng.choice(week[2][:5]), "error_rate_before": before,
            "error_rate_72h": round(max(0.0, before + rng.uniform(-1.0, 1.5)), 1),
            "rolled_back": rng.random() < 0.1}
        if rng.random() < 0.85:
            record["deploy"]["decision_log"] = {key: rng.choice(vocab.REVIEW_NOTES)
                                                for key in ctx.columns if key != "date"}
    record["briefing"] = {"date": dates.briefing}
    if rng.random() < 0.8:
        record["briefing"]["expansion_candidate"] = rng.choice(vocab.REVIEW_NOTES)
    return record


def dump(data: Any) -> str:
    """YAML the strict reader accepts; raises when a value would be read as something else."""
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
    problems = read_yaml(text).problems
    if problems:
        raise ValueError(f"generated YAML is ambiguous: {problems[0]}")
    return text


def slug(text: str) -> str:
    """Lowercase-hyphenated form of `text`."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _organisation(rng: random.Random, sector: vocab.Sector) -> dict[str, Any]:
    name = f"{rng.choice(vocab.ORG_FIRST)}{rng.choice(vocab.ORG_SECOND)} {rng.choice(vocab.ORG_KIND)}"
    return {"name": name, "sector": sector.name,
            "employees": rng.choice((250, 400, 500, 800, 1200, 2500, 6000, 15000)),
            "segment": rng.choice(vocab.SEGMENTS)}


def _pod_fields(rng: random.Random, ctx: Context, org: dict[str, Any],
                domain: vocab.Domain, starter_roles: list[dict[str, Any]]) -> dict[str, Any]:
    launch = ctx.today - rng.randint(7, 730) * DAY
    production = _first_production(rng, launch, ctx.today)
    fields: dict[str, Any] = {
        "name": f"{domain.name} pod ({org['name']})", "organisation": org, "domain": domain.name,
        "domain_scope": list(domain.scope), "business_metric": domain.metric, "kpi": domain.kpi,
        "stage": _stage(rng, launch, production, ctx.today), "launch_date": launch,
        "roles": [_role(rng, ctx.roles[held["role"]]) for held in starter_roles],
        "targets": _targets(rng, ctx, domain),
        "evaluation_metrics": _eval_metrics(rng),
        "infrastructure": _infrastructure(rng, ctx),
        "sample_reviews": _sample_reviews(rng, production, ctx.today),
        "reviews": _reviews(rng, ctx, launch),
    }
    if production is not None:
        fields["first_production_date"] = production
    if rng.random() < 0.3:
        fields["economics"] = _economics(rng, domain)
    return fields


def _first_production(rng: random.Random, launch: dt.date, today: dt.date) -> dt.date | None:
    live = (today - launch).days
    if live < 40 or rng.random() > 0.75:
        return None
    return launch + rng.randint(40, min(150, live)) * DAY


def _stage(rng: random.Random, launch: dt.date, production: dt.date | None, today: dt.date) -> str:
    if rng.random() < 0.03:
        return "closed"
    if production is None:
        return "forming" if (today - launch).days < 30 else "building"
    return "scaling" if (today - production).days > 270 else "production"


def _role(rng: random.Random, role: m.Role) -> dict[str, Any]:
    fitting, deviating = vocab.HOLDERS.get(role.id, (("Team member",), ("Volunteer",)))
    deviate = rng.random() < 0.15
    span = role.time.first_quarter
    if deviate:
        allocation = max(5, role.time.minimum - rng.choice((10, 15, 20, 50)))
    else:
        allocation = rng.choice(range(span.min, span.max + 1, 5))
    held: dict[str, Any] = {"role": role.id, "holder": rng.choice(deviating if deviate else fitting),
                            "allocation": allocation}
    if role.time.shareable_across > 1 and rng.random() < 0.4:
        held["shared_across"] = rng.randint(2, role.time.shareable_across)
        held["note"] = "Shared with a pod on an adjacent domain."
    if role.time.kind == "part-time" and rng.random() < 0.15:
        held["supplement"] = "Fractional AI change consultant"
        held["supplement_monthly_cost"] = rng.choice((2000, 3000, 4500))
    if role.time.kind == "full-time" and rng.random() < 0.1:
        held["training_investment"] = rng.choice((5000, 10000, 15000))
    return held


def _targets(rng: random.Random, ctx: Context, domain: vocab.Domain) -> list[dict[str, Any]]:
    targets = []
    for quarter in range(1, rng.randint(2, 4) + 1):
        step = domain.scope[(quarter - 1) % len(domain.scope)]
        goal = max(1, domain.baseline_minutes * rng.choice((25, 40, 50, 60)) // 100)
        target: dict[str, Any] = {
            "quarter": quarter, "title": f"AI-assisted {step.lower()}",
            "scope": f"{step} for {domain.unit} in the {domain.name.lower()} workflow.",
            "metric": f"Handling time per {domain.unit.removesuffix('s')}",
            "baseline": f"{domain.baseline_minutes} minutes", "goal": f"{goal} minutes",
            "coverage_percent": rng.choice(range(40, 95, 5)),
        }
        if quarter > 1:
            target["inherits"] = sorted(rng.sample(ctx.assets, rng.randint(1, len(ctx.assets))))
        targets.append(target)
    return targets


def _eval_metrics(rng: random.Random) -> list[dict[str, Any]]:
    if rng.random() < 0.15:
        return []  # a ghost-pod signal
    chosen = rng.sample(vocab.EVAL_METRICS, rng.randint(1, 3))
    return [{"name": name, "comparator": comparator, "value": value, "unit": unit}
            for name, comparator, value, unit in chosen]


def _infrastructure(rng: random.Random, ctx: Context) -> list[dict[str, Any]]:
    held = []
    for asset in ctx.assets:
        if rng.random() < 0.25:
            continue
        builders = ctx.builders.get(asset)
        detail = rng.choice(vocab.ASSET_DETAILS.get(asset, ("Built for the pod's first workflow.",)))
        if builders and rng.random() < 0.65:
            held.append({"asset": asset, "status": "inherited", "detail": detail,
                         "from_pod": rng.choice(builders[-40:])})
        else:
            held.append({"asset": asset, "status": "built", "detail": detail})
    return held


def _sample_reviews(rng: random.Random, production: dt.date | None,
                    today: dt.date) -> list[dict[str, Any]]:
    if production is None:
        return []
    dates, day = [], production + rng.randint(5, 20) * DAY
    while day <= today:
        dates.append(day)
        day += rng.randint(24, 32) * DAY
    if rng.random() < 0.2:
        dates = dates[: len(dates) // 2]  # reviews that stopped: a ghost-pod signal
    return [{"date": d, "samples": rng.randint(18, 32)} for d in dates[-6:]]


def _reviews(rng: random.Random, ctx: Context, launch: dt.date) -> list[dict[str, Any]]:
    span = (ctx.today - launch).days
    if span < 30:
        return []
    days = sorted(rng.sample(range(30, span + 1), min(rng.randint(0, 3), span - 29)))
    reviews = []
    for day in days:
        review: dict[str, Any] = {
            "date": launch + day * DAY, "diagnostic": ctx.diagnostic,
            "signals": {signal: rng.random() < 0.2 for signal in ctx.signals},
            "reviewer": "AI Center of Excellence"}
        if rng.random() < 0.5:
            review["note"] = rng.choice(vocab.REVIEW_NOTES)
        reviews.append(review)
    return reviews


def _economics(rng: random.Random, domain: vocab.Domain) -> dict[str, Any]:
    return {
        "baseline_ftes": round(rng.uniform(1.5, 6.0), 1),
        "loaded_cost_per_fte": rng.choice(range(90_000, 205_000, 5_000)),
        "volume_per_year": rng.randint(200, 40_000), "volume_unit": domain.unit,
        "minutes_saved_per_unit": rng.randint(3, max(4, domain.baseline_minutes * 3 // 4)),
        "hourly_rate": rng.choice((60, 85, 120, 180, 300)),
        "pod_cost": rng.choice(range(120_000, 620_000, 20_000)),
        "horizon_years": 3,
    }
