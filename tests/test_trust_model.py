"""The trust model in docs/maintain/hosting.md holds: pull requests build read-only, secret-free."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

WORKFLOWS = Path(__file__).resolve().parent.parent / ".github" / "workflows"


def workflow(name: str) -> dict[Any, Any]:
    """A workflow file as data (PyYAML reads the key `on` as True)."""
    data: dict[Any, Any] = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    return data


def test_pull_requests_build_with_read_only_permissions_and_no_secrets() -> None:
    pr = workflow("pr.yml")
    text = (WORKFLOWS / "pr.yml").read_text(encoding="utf-8")
    assert set(pr[True]) == {"pull_request"}, "only pull_request, never pull_request_target"
    assert pr["permissions"] == {"contents": "read"}
    for name, job in pr["jobs"].items():
        assert job.get("permissions", pr["permissions"]) == {"contents": "read"}, name
    assert "secrets." not in text
    assert "pull_request_target" not in text


def test_only_the_publish_workflow_writes_and_only_after_merge() -> None:
    for path in WORKFLOWS.glob("*.yml"):
        data = workflow(path.name)
        writes = [scope for scope, level in (data.get("permissions") or {}).items()
                  if level == "write"]
        if path.name != "publish.yml":
            assert not writes, path.name
    publish = workflow("publish.yml")
    assert set(publish[True]) <= {"push", "workflow_dispatch"}
    assert publish[True]["push"] == {"branches": ["main"]}
