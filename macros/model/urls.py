"""The one URL scheme: where every page and download lands and how one page links to another.

Three kinds of address appear here, all relative and all with forward slashes:
- a *source* (`src`) is a Markdown path under `docs/`, as MkDocs names a file: `pods/acme.md`;
- a *URL* is where MkDocs puts that page (directory URLs), from the site root: `pods/acme/`;
- a *link* is what a page writes in an `href`: the way back to the root, then the URL.
Renderers, fragments (through the `url` Jinja global), the build hooks and the checks all ask
this module; nothing else spells `pod-design/` or `downloads/`.
"""

from __future__ import annotations

import datetime as dt
import os
import posixpath
import re
from collections.abc import Iterator

from macros.model import data as m
from macros.model import data_files
from macros.model.playbook import Playbook

ROLES = "pod-design"  # one page per role, beside the hand-written pod design page
TEMPLATES = "templates"
PODS = "pods"
DOWNLOADS = "downloads"
BY_STAGE = f"{PODS}/by-stage"
BY_SECTOR = f"{PODS}/by-sector"
BROWSE_SRC = f"{PODS}/browse.md"
# Generated pages of the registry live beside the pod pages; a pod may not take their names.
RESERVED_POD_IDS = frozenset(
    {path.removeprefix(f"{PODS}/") for path in (BY_STAGE, BY_SECTOR, BROWSE_SRC.removesuffix(".md"))}
    | {"index"})

# Hand-written pages that generated content links to.
CYCLE = "cycle/"
POD_DESIGN = f"{ROLES}/"
POD_REGISTRY = f"{PODS}/"
BROWSE = f"{PODS}/browse/"
GHOST_POD = "ghost-pod/"
WORKED_EXAMPLE = "worked-example/"
ROLE_MATRIX_CSV = f"{DOWNLOADS}/role-matrix.csv"
# The whole playbook on one page (hand-written intro; the build appends the other pages to it).
WHOLE_PLAYBOOK_SRC = "whole-playbook.md"
WHOLE_PLAYBOOK = "whole-playbook/"



def build_date() -> dt.date:
    """Today, or the date in SOURCE_DATE_EPOCH for reproducible builds."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
    return dt.date.today()


# ---------------------------------------------------------------- sources and URLs


def page_url(src_uri: str) -> str:
    """The directory URL MkDocs gives a Markdown file at `src_uri`: 'a/b.md' → 'a/b/'."""
    stem = src_uri.removesuffix(".md")
    if stem == "index":
        return ""
    return stem.removesuffix("/index").removesuffix("index") + "/"


def root_for(url: str) -> str:
    """Relative prefix from a page at `url` (e.g. 'pods/acme/') back to the site root."""
    depth = url.strip("/").count("/") + 1 if url.strip("/") else 0
    return "../" * depth


def page_root(src_uri: str) -> str:
    """Relative prefix from the page built from `src_uri` back to the site root."""
    return root_for(page_url(src_uri))


def link(from_url: str, to: str) -> str:
    """The href on the page at `from_url` that reaches `to` (a URL from the site root)."""
    return root_for(from_url) + to


def named_page(text: str) -> str:
    """A page an editor names in data ('cycle.md', '/cycle', 'cycle/#x') as a URL from the root."""
    path, _, anchor = text.strip().lstrip("/").partition("#")
    if path.endswith(".md"):
        url = page_url(path)
    elif path and not path.endswith("/") and "." not in posixpath.basename(path):
        url = path + "/"  # a page, not a file: its URL is a folder
    else:
        url = path
    return f"{url}#{anchor}" if anchor else url


def slug(text: str) -> str:
    """A lowercase hyphenated id from free text: 'Professional services' → 'professional-services'."""
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-") or "other"


# ---------------------------------------------------------------- generated pages


def role_src(role_id: str) -> str:
    """Source of a role's generated page."""
    return f"{ROLES}/{role_id}.md"


def template_src(template_id: str) -> str:
    """Source of a template's generated page."""
    return f"{TEMPLATES}/{template_id}.md"


def pod_src(pod_id: str) -> str:
    """Source of a pod's generated page."""
    return f"{PODS}/{pod_id}.md"


def briefing_src(pod_id: str) -> str:
    """Source of a pod's domain-owner briefing page (its latest cycle)."""
    return f"{PODS}/{pod_id}/briefing.md"


def stage_src(stage: str) -> str:
    """Source of the generated page listing the pods in one stage."""
    return f"{BY_STAGE}/{stage}.md"


def sector_src(sector: str) -> str:
    """Source of the generated page listing the pods of one sector (named in free text)."""
    return f"{BY_SECTOR}/{slug(sector)}.md"


def role(role_id: str) -> str:
    """URL of a role's page."""
    return page_url(role_src(role_id))


def template(template_id: str) -> str:
    """URL of a template's page."""
    return page_url(template_src(template_id))


def pod(pod_id: str) -> str:
    """URL of a pod's page."""
    return page_url(pod_src(pod_id))


def briefing(pod_id: str) -> str:
    """URL of a pod's domain-owner briefing page."""
    return page_url(briefing_src(pod_id))


def pod_cycles(pod_id: str) -> str:
    """URL of the Cycles section of a pod's page."""
    return f"{pod(pod_id)}#cycles"


def pod_decision_log(pod_id: str) -> str:
    """URL of the decision log on a pod's page."""
    return f"{pod(pod_id)}#decision-log"


def stage(stage_name: str) -> str:
    """URL of the page listing the pods in one stage."""
    return page_url(stage_src(stage_name))


def sector(sector_name: str) -> str:
    """URL of the page listing the pods of one sector."""
    return page_url(sector_src(sector_name))


def data_pages(pb: Playbook) -> Iterator[tuple[str, str, m.Role | m.Template | m.Pod]]:
    """(title, URL, record) of every page generated from one data record: roles, templates, pods."""
    for item in pb.roles:
        yield item.name, role(item.id), item
    for entry in pb.templates:
        yield entry.title, template(entry.id), entry
    for registered in pb.pods:
        yield registered.name, pod(registered.id), registered


def role_data(role_id: str) -> str:
    """The data file (from the repository root) a role's page is built from."""
    return data_files.kind("roles").path(role_id)


def template_data(template_id: str) -> str:
    """The data file a template's page is built from."""
    return data_files.kind("templates").path(template_id)


def pod_data(pod_id: str) -> str:
    """The data file a pod's page is built from."""
    return data_files.kind("pods").path(pod_id)


def cycle_folder(pod_id: str) -> str:
    """The folder of a pod's cycle records (from the repository root)."""
    return f"data/pods/{pod_id}"


def cycle_data(pod_id: str, number: int) -> str:
    """The data file of one cycle record of a pod."""
    return f"{cycle_folder(pod_id)}/cycle-{number:02d}.yaml"


def edit_path(edit_uri: str, data_file: str) -> str:
    """Where "edit this page" for `data_file` points, from the repository URL.

    `edit_uri` points into `docs/` (e.g. 'edit/main/docs/'); the data files sit beside it, on
    the same branch.
    """
    return posixpath.normpath(posixpath.join(edit_uri, "..", data_file))


# ---------------------------------------------------------------- places on hand-written pages


def activity(activity_id: str) -> str:
    """URL of a cycle activity on the cycle page."""
    return f"{CYCLE}#act-{activity_id}"


def rule(rule_id: str) -> str:
    """URL of a cycle rule on the cycle page."""
    return f"{CYCLE}#rule-{rule_id}"


def flag(check: str) -> str:
    """URL of a cycle flag's rule on the cycle page."""
    return f"{CYCLE}#flag-{check}"


def source(anchor: str) -> str:
    """URL of a source or finding (by its anchor) on the sources page."""
    return f"sources/#{anchor}"


def onboarding(role_id: str) -> str:
    """URL of a role's reading path on the onboarding page."""
    return f"onboarding/#{role_id}"


# ---------------------------------------------------------------- downloads


def template_markdown(template_id: str) -> str:
    """The blank template as a Markdown download."""
    return f"{DOWNLOADS}/{TEMPLATES}/{template_id}.md"


def template_csv(template_id: str) -> str:
    """The header row of a table template as a CSV download."""
    return f"{DOWNLOADS}/{TEMPLATES}/{template_id}.csv"


def pod_calendar(pod_id: str) -> str:
    """A pod's quarter as an `.ics` calendar download."""
    return f"{DOWNLOADS}/{PODS}/{pod_id}.ics"


def decision_log_csv(pod_id: str) -> str:
    """A pod's decision log as a CSV download, with the decision-log template's columns."""
    return f"{DOWNLOADS}/{PODS}/{pod_id}-decision-log.csv"
