"""Screenshots of each page of the web app over the demo corpus, for docs/web.md.

Run from the repository: `.venv/bin/python scripts/screenshots.py [--out docs/screenshots]`.
It codes the demo corpus into a temporary store, serves it on 127.0.0.1 and drives Debian's
chromium (/usr/bin/chromium) headless through Playwright; nothing is downloaded.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

from comity import api
from comity.web import create_app
from comity.web.server import running

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
PAGES = {
    "overview": "/",
    "dyad": "/dyad?a=CUB&b=USA&by=year",
    "search": "/search?country=PRK&quad=1&page_size=10",
    "article": "/articles/06_cuba_protests_gulfstream",
    "actor": "/actors/person:kim-jong-un",
}


def take(page: Page, url: str, path: Path) -> None:
    page.goto(url)
    page.screenshot(path=str(path), full_page=True)


def most_reported(base_url: str, page: Page) -> str:
    """The dyad's event reported by the most mentions: the one whose page shows the most evidence."""
    found = page.request.get(f"{base_url}/api/events?a=CUB&b=USA&page_size=100").json()["events"]
    return max(found, key=lambda e: (e["num_mentions"], e["event_id"]))["event_id"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    out = parser.parse_args().out
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "demo.duckdb"
        api.code([api.DEMO_DIR], db=db)
        with running(create_app(db)) as base_url, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            for name, path in PAGES.items():
                take(page, base_url + path, out / f"{name}.png")
            page.goto(base_url + PAGES["dyad"])
            page.locator(f'a.event-link[href="/events/{most_reported(base_url, page)}"]').first.click()
            page.wait_for_url("**/events/**")
            page.screenshot(path=str(out / "event.png"), full_page=True)
            browser.close()


if __name__ == "__main__":
    main()
