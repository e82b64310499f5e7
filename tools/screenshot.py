"""Screenshot a page of a built site with headless Chromium (`make screenshot` uses it)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

from tests.browser.support import serve

CHROMIUM = "/usr/bin/chromium"


def main(argv: list[str] | None = None) -> int:
    """Serve `--site`, open `--page` at `--width` and save a PNG of the region `--selector`."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--site", type=Path, default=Path("site"))
    parser.add_argument("--page", default="pods/professional-services-revenue-cycle/")
    parser.add_argument("--out", type=Path, default=Path("docs-screenshot.png"))
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--height", type=int, default=900)
    parser.add_argument("--scheme", choices=("light", "dark"), default="light")
    parser.add_argument("--full", action="store_true", help="the whole page, not one screen")
    parser.add_argument("--selector", help="only this element (a CSS selector)")
    parser.add_argument("--print", action="store_true", help="emulate print media")
    parser.add_argument("--scroll-to", help="scroll this element (a CSS selector) to the top first")
    args = parser.parse_args(argv)
    executable = CHROMIUM if Path(CHROMIUM).is_file() else None
    with serve(args.site) as url, sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=executable, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": args.width, "height": args.height},
                                color_scheme=args.scheme)
        page.goto(url + args.page, wait_until="load")
        if args.print:
            page.emulate_media(media="print")
        if args.scroll_to:
            # Scroll the element just below Material's sticky header.
            page.locator(args.scroll_to).first.evaluate(
                "el => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 64)")
        if args.selector:
            page.locator(args.selector).first.screenshot(path=str(args.out))
        else:
            page.screenshot(path=str(args.out), full_page=args.full)
        browser.close()
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
