"""End to end: a real server on 127.0.0.1 and Debian's headless Chromium, as an analyst would click."""

from __future__ import annotations

from pathlib import Path

import pytest

from comity.web import create_app
from comity.web.server import running

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed at /usr/bin/chromium (.ci/run installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, timeout=30_000)
        yield chromium
        chromium.close()


def test_from_the_dyad_timeline_to_the_highlighted_evidence(demo_db, browser):
    with running(create_app(demo_db)) as base_url:
        assert base_url.startswith("http://127.0.0.1:")
        page = browser.new_page()
        page.set_default_timeout(15_000)
        page.goto(f"{base_url}/dyad?a=CUB&b=USA")
        assert page.locator("svg.timeline a.bar").count() > 0
        first_event = page.locator("table.events a.event-link").first
        first_event.click()
        page.wait_for_url("**/events/**")
        marks = page.locator("article.mention mark.evidence")
        assert marks.count() >= 1
        evidence = marks.first
        assert evidence.is_visible()
        assert len(evidence.inner_text().strip()) > 10
        background = evidence.evaluate("el => getComputedStyle(el).backgroundColor")
        assert background == "rgb(255, 226, 138)"  # --mark in style.css: the highlight is drawn
        # The evidence sits inside its article's own text, with words around it or as the whole section.
        context = page.locator("article.mention .context").first.inner_text()
        assert evidence.inner_text().strip() in context
        page.close()
