"""Template renderers: the index, each template's page and its blank Markdown and CSV downloads."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from markupsafe import Markup

from macros.model import urls
from macros.model.data import Activity, Role, Template, TemplateField, TemplateSection, Week
from macros.model.playbook import Playbook
from macros.render.csv_text import csv_bytes
from macros.render.environment import render
from macros.render.front_matter import brace_safe, front_matter
from macros.render.roles import OWNER, REVIEW_EVERY
from macros.render.sources import cite_ref


def produced_in(pb: Playbook, template_id: str) -> list[tuple[Week, Activity]]:
    """The cycle activities whose output is this template, in calendar order."""
    return [(week, act) for week, act in pb.activities() if template_id in act.outputs]


def downloads(template: Template) -> list[tuple[str, str]]:
    """(label, path from the site root) of a template's downloads: Markdown, plus CSV for tables."""
    files = [("Markdown", urls.template_markdown(template.id))]
    if template.columns:
        files.append(("CSV", urls.template_csv(template.id)))
    return files


@dataclass(frozen=True)
class TemplateEntry:
    """One template with its keeper, when it is produced, its downloads and its sources."""

    t: Template
    owner: Role
    kind: str  # 'Table' or 'Document'
    produced: list[tuple[Week, Activity]]
    downloads: list[tuple[str, str]]  # (label, path from the site root)
    cites: list[Markup]


def _entry(pb: Playbook, template: Template, root: str) -> TemplateEntry:
    return TemplateEntry(template, pb.role(template.owner), _kind(template),
                         produced_in(pb, template.id), downloads(template),
                         [cite_ref(pb, c, root) for c in template.cited])


def _kind(template: Template) -> str:
    return "Table" if template.columns else "Document"


def template_index(pb: Playbook, root: str) -> str:
    """A table of every template: purpose, keeper, when it is produced and its downloads."""
    entries = [_entry(pb, t, root) for t in sorted(pb.templates, key=lambda t: t.title.casefold())]
    return render("templates-index.html", root=root, entries=entries)


def template_body(pb: Playbook, template_id: str, root: str) -> str:
    """One template as HTML: purpose, keeper, sections or columns with guidance, downloads."""
    try:
        template = pb.template(template_id)
    except KeyError:
        raise ValueError(f"there is no template with id '{template_id}'") from None
    return render("templates-body.html", root=root, e=_entry(pb, template, root))


def template_page(pb: Playbook, template: Template, root: str, last_reviewed: dt.date) -> str:
    """The whole Markdown page of one template, front matter included."""
    meta = {"title": template.title, "description": template.purpose, "owner": OWNER,
            "last_reviewed": last_reviewed, "review_every": REVIEW_EVERY,
            "audience": [template.owner], "tags": ["templates", template.id],
            "keywords": list(template.keywords)}
    return front_matter(meta) + "\n" + brace_safe(template_body(pb, template.id, root))


def _line(text: str) -> str:
    # One line, and no raw HTML: a Markdown viewer shows '&lt;' as '<' and runs no tags.
    return " ".join(text.split()).replace("<", "&lt;")


def _cell(text: str) -> str:
    return _line(text).replace("|", "\\|")


def _field_line(field: TemplateField) -> str:
    example = f" Example: {_line(field.example)}" if field.example else ""
    return f"- **{_line(field.name)}** ({_line(field.guidance)}{example}):"


def _section_lines(section: TemplateSection) -> list[str]:
    fields = [_field_line(f) for f in section.fields] or ["(write here)"]
    return [f"## {_line(section.title)}", "", f"_{_line(section.guidance)}_", "", *fields, ""]


def _table_lines(columns: tuple[TemplateField, ...]) -> list[str]:
    header = "| " + " | ".join(_cell(c.name) for c in columns) + " |"
    rule = "|" + " --- |" * len(columns)
    blank = "|" + "  |" * len(columns)
    notes = [_field_line(c) for c in columns]
    return [header, rule, blank, "", "## What to write in each column", "", *notes, ""]


def template_markdown(template: Template, owner_name: str | None = None) -> str:
    """The blank template as a plain Markdown file to download and fill in."""
    lines = [f"# {_line(template.title)}", "", _line(template.purpose), ""]
    lines += [f"Kept by: {owner_name or template.owner} · Pod: · Date:", ""]
    if template.columns:
        lines += _table_lines(template.columns)
    for section in template.sections:
        lines += _section_lines(section)
    return "\n".join(lines).rstrip("\n") + "\n"


def template_csv(template: Template) -> bytes | None:
    """The header row of a table template as CSV (plain text, one line a cell), or None for a document."""
    if not template.columns:
        return None
    return csv_bytes([[" ".join(c.name.split()) for c in template.columns]])
