"""Reading paths for new pod members, one per role, from each role's `onboarding` list."""

from __future__ import annotations

from collections.abc import Mapping

from macros.model import urls
from macros.model.playbook import Playbook
from macros.render.environment import render

_MD_ESCAPES = {"\\": "\\\\", "[": "\\[", "]": "\\]", "*": "\\*", "_": "\\_", "`": "\\`",
               "<": "&lt;", ">": "&gt;", "&": "&amp;", "{": "&#123;", "}": "&#125;"}


def _escape_md(text: str) -> str:
    """Escape data text so Markdown shows it literally."""
    return "".join(_MD_ESCAPES.get(char, char) for char in text)


def onboarding_paths(pb: Playbook, titles: Mapping[str, str], root: str) -> str:
    """A heading per role (anchored by role id, so it is in the page's contents) and its reading list."""
    blocks = []
    for role in pb.roles:
        pages = [urls.named_page(page) for page in role.onboarding]
        steps = [(titles.get(url, url), root + url) for url in pages]
        blocks.append(f"## {_escape_md(role.name)} {{#{role.id}}}\n\n"
                      + render("onboarding-path.html", role=role, steps=steps))
    return "\n".join(blocks)


def role_path_links(pb: Playbook, root: str) -> str:
    """Per role: a link to its onboarding path and to its role page."""
    return render("onboarding-role-links.html", roles=pb.roles, root=root)
