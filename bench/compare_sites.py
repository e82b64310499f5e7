"""Compare two builds of the site: the page list and each page's main content (`<article>` text).

    python -m bench.compare_sites                      # a5eff1f against HEAD, both with MkDocs
    python -m bench.compare_sites --before HEAD --after HEAD --after-engine properdocs

Each side is built from a clean `git worktree` of its commit (uncommitted edits are not seen),
with the build date fixed by SOURCE_DATE_EPOCH so that both sides date pages alike. Prints one
line per difference; the exit status is 0 either way (differences may be intended fixes).
"""

from __future__ import annotations

import argparse
import datetime as dt
import difflib
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ENGINES = ("mkdocs", "properdocs")


class _ArticleText(HTMLParser):
    """Collects the text inside `<article>` elements (Material's main content)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "article":
            self.depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "article" and self.depth:
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.parts.append(data)


def article_text(html: str) -> str:
    """The page's `<article>` text, whitespace collapsed."""
    parser = _ArticleText()
    parser.feed(html)
    parser.close()
    return " ".join(" ".join(parser.parts).split())


def site_pages(site: Path) -> dict[str, str]:
    """Every HTML page of a built site (path from the site root) → its main content."""
    return {p.relative_to(site).as_posix(): article_text(p.read_text(encoding="utf-8"))
            for p in sorted(site.rglob("*.html"))}


def differences(before: dict[str, str], after: dict[str, str], context: int = 8) -> list[str]:
    """One line per page only in one build, and per changed stretch of a page's text."""
    out = [f"only before: {page}" for page in sorted(before.keys() - after.keys())]
    out += [f"only after:  {page}" for page in sorted(after.keys() - before.keys())]
    for page in sorted(before.keys() & after.keys()):
        old, new = before[page].split(), after[page].split()
        if old == new:
            continue
        matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                continue
            lead = " ".join(old[max(0, i1 - context):i1])
            out.append(f"changed {page}: …{lead} [-{' '.join(old[i1:i2])}-] "
                       f"[+{' '.join(new[j1:j2])}+]")
    return out


def build(project: Path, site: Path, engine: str, date: dt.date) -> None:
    """A strict build of the project at `project` into `site` with `engine`."""
    epoch = int(dt.datetime.combine(date, dt.time(12), tzinfo=dt.UTC).timestamp())
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(epoch), "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", engine, "build", "--strict", "-q", "-f",
               str(project / "mkdocs.yml"), "-d", str(site)]
    result = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True,
                            check=False)
    if result.returncode != 0:
        raise RuntimeError(f"{engine} build of {project} failed:\n{result.stdout}{result.stderr}")


@contextmanager
def checkout(commit: str, parent: Path) -> Iterator[Path]:
    """A clean worktree of `commit` under `parent`, removed afterwards."""
    tree = parent / f"tree-{commit[:12]}-{len(list(parent.iterdir()))}"
    subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "-q", str(tree), commit],
                   check=True)
    try:
        yield tree
    finally:
        subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree)],
                       check=False)


def compare(before: str, after: str, engines: tuple[str, str],
            date: dt.date) -> tuple[list[dict[str, str]], list[str]]:
    """Build both commits (each with its engine); their pages and the differences."""
    with tempfile.TemporaryDirectory(prefix="compare-sites-") as folder:
        work = Path(folder)
        sites = []
        for commit, engine in zip((before, after), engines, strict=True):
            with checkout(commit, work) as tree:
                site = work / f"site-{len(sites)}"
                build(tree, site, engine, date)
                sites.append(site_pages(site))
        return sites, differences(sites[0], sites[1])


def main(argv: list[str] | None = None) -> int:
    """Print the differences between two builds."""
    parser = argparse.ArgumentParser(prog="python -m bench.compare_sites", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--before", default="a5eff1f", help="commit built first (default a5eff1f)")
    parser.add_argument("--after", default="HEAD", help="commit built second (default HEAD)")
    parser.add_argument("--before-engine", choices=ENGINES, default="mkdocs")
    parser.add_argument("--after-engine", choices=ENGINES, default="mkdocs")
    parser.add_argument("--date", type=dt.date.fromisoformat, default=dt.date.today(),
                        help="build date of both builds (default today)")
    args = parser.parse_args(argv)
    engines = (args.before_engine, args.after_engine)
    sites, found = compare(args.before, args.after, engines, args.date)
    print(f"before: {args.before} with {engines[0]}, {len(sites[0])} pages; "
          f"after: {args.after} with {engines[1]}, {len(sites[1])} pages")
    for line in found:
        print(line)
    print(f"{len(found)} difference{'' if len(found) == 1 else 's'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
