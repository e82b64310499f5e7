"""`hosting/nginx.conf` serves the built site with security headers and caching rules.

Starts the real nginx on 127.0.0.1. Without nginx the tests skip locally, but fail in CI.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import os
import re
import subprocess
import urllib.error
import urllib.request
from collections.abc import Iterator
from email.message import Message
from html.parser import HTMLParser
from pathlib import Path

import pytest

from macros.cli.hosting import TEMPLATE, nginx_config
from tests.nginx_server import require_nginx, start_nginx

HASHED_ASSET = re.compile(r"assets/javascripts/bundle\.[0-9a-f]{8}\.min\.js")
# The project's own bundles (macros/render/assets.py), linked from every page.
OWN_ASSET = re.compile(r"assets/(?:stylesheets|javascripts)/(?:playbook|print)\.[0-9a-f]{8}\.(?:css|js)")
SECURITY_HEADERS = {
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
}
# Sent with pages only: a script, stylesheet or image does not need them.
PAGE_ONLY = ("Content-Security-Policy", "X-Frame-Options", "Cross-Origin-Opener-Policy",
             "Permissions-Policy")


class _Scripts(HTMLParser):
    """Collect the raw text of inline scripts a browser would run, and inline handlers."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.bodies: list[str] = []
        self.handlers: list[str] = []
        self.styles: list[str] = []
        self._open: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = dict(attrs)
        self.handlers += [f"<{tag} {k}>" for k in names if k.startswith("on")]
        self.handlers += [f"<{tag} {k}>" for k, v in names.items()
                          if v and v.strip().lower().startswith("javascript:")]
        if "style" in names or tag == "style":
            self.styles.append(f"<{tag}>")
        runnable = names.get("type") in (None, "", "text/javascript", "module")
        if tag == "script" and "src" not in names and runnable:
            self._open = []

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._open.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._open is not None:
            self.bodies.append("".join(self._open))
            self._open = None


def scan(html: str) -> _Scripts:
    parser = _Scripts()
    parser.feed(html)
    parser.close()
    return parser


def sha256_source(body: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(body.encode()).digest()).decode() + "'"


def directives(policy: str) -> dict[str, list[str]]:
    parts = (part.split() for part in policy.split(";") if part.strip())
    return {words[0]: words[1:] for words in parts}


def fetch(url: str) -> tuple[int, Message, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


@pytest.fixture(scope="module")
def site_dir(request: pytest.FixtureRequest) -> Path:
    """The built site: PLAYBOOK_SITE_DIR when set (quick reruns), else a strict build."""
    require_nginx()
    prebuilt = os.environ.get("PLAYBOOK_SITE_DIR")
    if prebuilt:
        return Path(prebuilt).resolve()
    return Path(request.getfixturevalue("built_site"))


@pytest.fixture(scope="module")
def base_url(site_dir: Path) -> Iterator[str]:
    """The built site served by nginx with the repository's configuration."""
    url, stop = start_nginx(site_dir)
    yield url
    stop()


def test_configuration_is_valid_for_nginx(tmp_path: Path) -> None:
    binary = require_nginx()
    (tmp_path / "logs").mkdir()
    (tmp_path / "tmp").mkdir()
    (tmp_path / "nginx.conf").write_text(nginx_config(
        TEMPLATE.read_text(encoding="utf-8"), root=tmp_path, listen="127.0.0.1:8080",
        hashes=["'sha256-AAAA'"]), encoding="utf-8")
    result = subprocess.run([binary, "-t", "-p", f"{tmp_path}/", "-c", "nginx.conf",
                             "-e", "logs/error.log"], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr


def test_page_has_security_headers(base_url: str) -> None:
    status, headers, body = fetch(base_url)
    assert status == 200
    assert headers["Content-Type"].startswith("text/html")
    for name, value in SECURITY_HEADERS.items():
        assert headers[name] == value, name
    assert headers["Cache-Control"] == "no-cache"
    assert headers["Server"] == "nginx", "no version number in the Server header"
    policy = directives(headers["Content-Security-Policy"])
    assert policy["default-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    for directive, sources in policy.items():
        allowed = {"'self'", "'none'"} | ({"data:"} if directive == "img-src" else set())
        others = [s for s in sources if s not in allowed and not s.startswith("'sha256-")]
        assert others == [], f"{directive} allows more than the site's own origin: {others}"
    inline = scan(body.decode("utf-8")).bodies
    assert inline, "Material writes inline scripts; the test must see them"
    for script in inline:
        assert sha256_source(script) in policy["script-src"], script[:80]


def test_hashed_assets_are_cached_for_a_year(base_url: str) -> None:
    _status, _headers, body = fetch(base_url)
    found = HASHED_ASSET.search(body.decode("utf-8"))
    assert found, "the page links Material's hashed bundle"
    status, headers, _body = fetch(base_url + found.group(0))
    assert status == 200
    assert headers["Content-Type"].startswith("text/javascript")
    cache = {part.strip() for part in headers["Cache-Control"].split(",")}
    assert cache == {"public", "max-age=31536000", "immutable"}
    assert headers["X-Content-Type-Options"] == "nosniff"


def test_own_bundles_are_hashed_and_cached_for_a_year(base_url: str, site_dir: Path) -> None:
    _status, _headers, body = fetch(base_url + "cycle/")
    found = sorted(set(OWN_ASSET.findall(body.decode("utf-8"))))
    assert len(found) == 3, found  # one stylesheet, one print stylesheet, one script
    for path in found:
        content = (site_dir / path).read_bytes()
        assert hashlib.sha256(content).hexdigest()[:8] in path, "the name carries the content hash"
        status, headers, _body = fetch(base_url + path)
        assert status == 200
        cache = {part.strip() for part in headers["Cache-Control"].split(",")}
        assert cache == {"public", "max-age=31536000", "immutable"}, path


@pytest.mark.parametrize("path", ["assets/javascripts/bundle.a5f9d56c.min.js",
                                  "search/search_index.json", "downloads/role-matrix.csv",
                                  "assets/images/favicon.png"])
def test_page_policies_go_with_pages_only(base_url: str, site_dir: Path, path: str) -> None:
    if not (site_dir / path).is_file():  # Material's bundle name changes with its version
        path = next(p.relative_to(site_dir).as_posix()
                    for p in site_dir.glob("assets/javascripts/bundle.*.min.js"))
    status, headers, _body = fetch(base_url + path)
    assert status == 200
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert [h for h in PAGE_ONLY if h in headers] == []


@pytest.mark.parametrize("path", ["search/search_index.json", "downloads/role-matrix.csv"])
def test_unhashed_files_are_revalidated(base_url: str, site_dir: Path, path: str) -> None:
    assert (site_dir / path).is_file()
    status, headers, _body = fetch(base_url + path)
    assert status == 200
    assert headers["Cache-Control"] == "no-cache"


def test_missing_page_gets_the_404_page_with_headers(base_url: str) -> None:
    status, headers, body = fetch(base_url + "no-such-page/")
    assert status == 404
    assert b"md-content" in body, "the site's own 404 page, not nginx's"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert "Content-Security-Policy" in headers


def test_every_page_works_under_the_policy(base_url: str, site_dir: Path) -> None:
    """Each inline script in the site has its hash in the policy; nothing else runs inline."""
    _status, headers, _body = fetch(base_url)
    allowed = set(directives(headers["Content-Security-Policy"])["script-src"])
    problems = []
    for page in sorted(site_dir.rglob("*.html")):
        found = scan(page.read_text(encoding="utf-8"))
        rel = page.relative_to(site_dir).as_posix()
        problems += [f"{rel}: inline script not allowed: {body[:60]!r}"
                     for body in found.bodies if sha256_source(body) not in allowed]
        problems += [f"{rel}: inline event handler {h} (blocked by the CSP)"
                     for h in found.handlers]
        problems += [f"{rel}: inline style {s} (blocked by style-src 'self')" for s in found.styles]
    assert problems == []


def test_missing_nginx_fails_in_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    import tests.nginx_server as server

    monkeypatch.setattr(server, "nginx_binary", lambda: None)
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="nginx is not installed"):
        server.require_nginx()
    monkeypatch.delenv("CI")
    with pytest.raises(pytest.skip.Exception):
        server.require_nginx()


@pytest.mark.parametrize("kind", ["*.ics", "*.csv", "search/search_index.json", "sitemap.xml"])
def test_text_downloads_are_gzipped(base_url: str, site_dir: Path, kind: str) -> None:
    """Calendars, spreadsheets, the search index and the sitemap go out compressed."""
    path = next(site_dir.rglob(kind) if "*" in kind else iter([site_dir / kind]))
    request = urllib.request.Request(base_url + path.relative_to(site_dir).as_posix(),
                                     headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.headers.get("Content-Encoding") == "gzip", path
        assert gzip.decompress(response.read()) == path.read_bytes()


def test_pages_are_compressed_as_well_as_zlib_level_6_does(base_url: str, site_dir: Path) -> None:
    """The longest page, the one-page playbook, goes out gzipped about as small as zlib's
    level 6 makes it (nginx's default level 1 sends it a quarter larger)."""
    request = urllib.request.Request(base_url + "whole-playbook/",
                                     headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.headers["Content-Encoding"] == "gzip"
        sent = response.read()
    raw = (site_dir / "whole-playbook" / "index.html").read_bytes()
    assert gzip.decompress(sent) == raw
    assert len(sent) <= len(gzip.compress(raw, 6)) * 1.03
