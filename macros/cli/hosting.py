"""Fill in `hosting/nginx.conf` for a built site, with the hashes its CSP needs."""

from __future__ import annotations

import argparse
import base64
import hashlib
import re
import sys
from collections.abc import Iterable
from pathlib import Path

TEMPLATE = Path(__file__).resolve().parents[2] / "hosting" / "nginx.conf"
_SCRIPT = re.compile(r"<script(?P<attrs>(?:\s[^>]*)?)>(?P<body>.*?)</script\s*>",
                     re.IGNORECASE | re.DOTALL)
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]*)""", re.IGNORECASE)
_SRC = re.compile(r"\bsrc\s*=", re.IGNORECASE)
# Script types a browser runs; JSON blocks such as Material's __config are data, not code.
_RUNNABLE = {"", "text/javascript", "application/javascript", "module"}
# Material's article holding the page's own content: what Markdown pages (raw HTML included)
# and data put on a page lands in here; the templates' scripts sit outside it.
_CONTENT = re.compile(r"""<article\b[^>]*\bclass\s*=\s*["']?md-content__inner\b""", re.IGNORECASE)
_ARTICLE = re.compile(r"<(/?)article\b", re.IGNORECASE)


def content_span(html: str) -> tuple[int, int]:
    """Where the page's content article starts and ends in `html`; (0, 0) without one."""
    found = _CONTENT.search(html)
    if found is None:
        return 0, 0
    depth = 0
    for tag in _ARTICLE.finditer(html, found.start()):
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            return found.start(), html.find(">", tag.end()) + 1 or len(html)
    return found.start(), len(html)


def template_scripts(html: str) -> list[str]:
    """The inline scripts of `html` that the templates wrote: those outside the page's content.

    A `<script>` written into a page's Markdown gets no hash, so the policy refuses it.
    """
    start, end = content_span(html)
    return [match.group("body") for match in _SCRIPT.finditer(html)
            if not start <= match.start() < end and _runs(match.group("attrs"))]


def _runs(attrs: str) -> bool:
    """Whether a `<script>` with these attributes is inline code a browser runs."""
    kind = _TYPE.search(attrs)
    return not _SRC.search(attrs) and (kind is None or kind.group(1).lower() in _RUNNABLE)


def script_hash(body: str) -> str:
    """The CSP source expression that allows exactly this inline script."""
    digest = hashlib.sha256(body.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def site_script_hashes(site_dir: Path) -> list[str]:
    """Sorted, distinct hashes of the templates' inline scripts in every page of a built site
    (none for a script inside a page's content: see `template_scripts`)."""
    hashes = {script_hash(body)
              for page in site_dir.rglob("*.html")
              for body in template_scripts(page.read_text(encoding="utf-8"))}
    return sorted(hashes)


def nginx_config(template: str, *, root: Path, listen: str, hashes: Iterable[str]) -> str:
    """`template` with its @ROOT@, @LISTEN@ and @SCRIPT_HASHES@ placeholders filled in."""
    values = {"@ROOT@": str(root), "@LISTEN@": listen, "@SCRIPT_HASHES@": " ".join(hashes)}
    text = template
    for key, value in values.items():
        if text.count(key) != 1:
            raise ValueError(f"the nginx template must hold {key} exactly once")
        text = text.replace(key, value)
    return text


def main(argv: list[str] | None = None) -> int:
    """`python -m macros.cli.hosting`: print the nginx configuration for a built site."""
    parser = argparse.ArgumentParser(prog="python -m macros.cli.hosting", description=__doc__)
    parser.add_argument("--site", type=Path, default=Path("site"),
                        help="the built site to hash (default: site)")
    parser.add_argument("--root", type=Path, help="where nginx finds the site (default: --site)")
    parser.add_argument("--listen", default="127.0.0.1:8080",
                        help="address:port nginx listens on (default: 127.0.0.1:8080)")
    args = parser.parse_args(argv)
    if not (args.site / "index.html").is_file():
        print(f"{args.site}/index.html not found; run `make build` first", file=sys.stderr)
        return 1
    root = args.root if args.root is not None else args.site.resolve()
    print(nginx_config(TEMPLATE.read_text(encoding="utf-8"), root=root, listen=args.listen,
                       hashes=site_script_hashes(args.site)), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
