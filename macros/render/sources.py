"""Citations and the sources page: attributions and back-links built from `data/sources.yaml`."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from markupsafe import Markup
from pydantic import BaseModel

from macros.model import urls
from macros.model.data import Citation, Fact, Sample, Source
from macros.model.playbook import Playbook
from macros.render.environment import render

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
Backlinks = Mapping[str, Sequence[tuple[str, str]]]


def _when(source: Source) -> str | None:
    if source.year is None:
        return None
    if source.month is not None:
        return f"{MONTHS[source.month - 1]} {source.year}"
    if source.quarter is not None:
        return f"Q{source.quarter} {source.year}"
    return str(source.year)


def _survey(sample: Sample) -> str | None:
    if sample.survey and sample.year and str(sample.year) not in sample.survey:
        return f"{sample.year} {sample.survey}"
    return sample.survey


def sample_text(sample: Sample, full: bool = False) -> str:
    """One sample, e.g. 'n=1,250+'; `full` adds the population and the year of the study."""
    text = f"n={sample.n:,}" + ("+" if sample.at_least else "")
    if full and sample.population:
        text += f" {sample.population}"
    label = _survey(sample) or (str(sample.year) if full and sample.year else None)
    return f"{text} ({label})" if label else text


def short_title(source: Source) -> str:
    """The title without its subtitle: 'Rewired: The McKinsey Guide…' → 'Rewired'."""
    return source.title.split(":", 1)[0].strip()


def attribution(source: Source) -> str:
    """Short attribution: authors and short title (or publisher), edition, samples, date."""
    who = [", ".join(source.authors), short_title(source)] if source.authors else [source.publisher]
    parts = [*who, *([source.edition] if source.edition else [])]
    if source.samples:
        parts.append(" + ".join(sample_text(s) for s in source.samples))
    # When every sample names its own survey, the survey labels already carry the dates.
    surveyed = bool(source.samples) and all(s.survey for s in source.samples)
    when = _when(source)
    if when and not surveyed:
        parts.append(when)
    return ", ".join(parts)


def _source(pb: Playbook, source_id: str) -> Source:
    try:
        return pb.source(source_id)
    except KeyError:
        raise ValueError(f"there is no source with id '{source_id}' in data/sources.yaml") from None


def finding_anchor(source_id: str, finding_id: str) -> str:
    """Anchor of a finding on the sources page ('--' cannot occur inside an id)."""
    return f"src-{source_id}--{finding_id}"


def _link(source: Source, anchor: str, locator: str | None, root: str) -> str:
    text = attribution(source) + (f", {locator}" if locator else "")
    return render("sources-cite.html", root=root, anchor=anchor, title=source.title,
                  text=text).rstrip("\n")


def cite(pb: Playbook, source_id: str, locator: str | None, root: str) -> str:
    """Inline attribution link to the source on the sources page."""
    source = _source(pb, source_id)
    return _link(source, f"src-{source.id}", locator, root)


def stat(pb: Playbook, source_id: str, finding_id: str, root: str) -> str:
    """A finding's figure followed by its attribution, e.g. '60% (BCG, n=1,250+, Sep 2025)'."""
    source = _source(pb, source_id)
    try:
        finding = pb.finding(source_id, finding_id)
    except KeyError:
        raise ValueError(f"source '{source_id}' has no finding '{finding_id}'") from None
    return render("sources-stat.html", root=root, anchor=finding_anchor(source_id, finding_id),
                  finding=finding, title=source.title, text=attribution(source)).rstrip("\n")


def cite_ref(pb: Playbook, citation: Citation, root: str) -> Markup:
    """A data citation as an inline link (to the finding when it names one), safe for fragments."""
    source = _source(pb, citation.source)
    anchor = (finding_anchor(source.id, citation.finding) if citation.finding
              else f"src-{source.id}")
    return Markup(_link(source, anchor, citation.locator, root))  # rendered by the autoescaping env


def cite_refs(pb: Playbook, citations: Iterable[Citation], root: str) -> list[Markup]:
    """One link per source and place cited, in order: a list of sources never repeats a name
    (several findings of one source link to the first of them)."""
    seen: set[tuple[str, str | None]] = set()
    refs = []
    for citation in citations:
        key = (citation.source, citation.locator)
        if key not in seen:
            seen.add(key)
            refs.append(cite_ref(pb, citation, root))
    return refs


@dataclass(frozen=True)
class CitedText:
    """A statement from data and its rendered citation."""

    text: str
    cite: Markup


def cited_facts(pb: Playbook, facts: Iterable[Fact], root: str) -> list[CitedText]:
    """Each fact with its citation rendered as a link, for fragments."""
    return [CitedText(fact.text, cite_ref(pb, fact.cited, root)) for fact in facts]


def citations_in(value: object) -> Iterator[Citation]:
    """Every `Citation` inside a model, however deeply nested."""
    if isinstance(value, Citation):
        yield value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from citations_in(getattr(value, name))
    elif isinstance(value, tuple):
        for item in value:
            yield from citations_in(item)


def _generated_pages(pb: Playbook) -> Iterator[tuple[str, str, object]]:
    yield from urls.data_pages(pb)
    yield pb.cycle.title, urls.CYCLE, pb.cycle


def data_citations(pb: Playbook) -> dict[str, list[tuple[str, str]]]:
    """Source id → (title, url) of each page whose data cites it (roles, templates, pods, cycle)."""
    pages: dict[str, list[tuple[str, str]]] = {}
    for title, url, model in _generated_pages(pb):
        for citation in citations_in(model):
            links = pages.setdefault(citation.source, [])
            if (title, url) not in links:
                links.append((title, url))
    return pages


@dataclass(frozen=True)
class SourceEntry:
    """One source on the sources page, with the pages that cite it."""

    source: Source
    attribution: str
    when: str | None
    samples: list[str]
    anchors: dict[str, str]  # finding id → anchor
    cited_by: list[tuple[str, str]]  # (page title, URL from the site root)


def _entry(source: Source, backlinks: Backlinks) -> SourceEntry:
    return SourceEntry(source, attribution(source), _when(source),
                       [sample_text(x, full=True) for x in source.samples],
                       {f.id: finding_anchor(source.id, f.id) for f in source.findings},
                       list(backlinks.get(source.id, ())))


def sources_list(pb: Playbook, backlinks: Backlinks, root: str) -> str:
    """Every source with its details, findings and the pages that cite it."""
    ordered = sorted(pb.sources, key=lambda s: attribution(s).casefold())
    return render("sources-list.html", root=root, entries=[_entry(s, backlinks) for s in ordered])
