"""The review site in a real browser (Playwright driving Debian's Chromium): the index lists every
document, a page has one ``mark.claim`` per claim, and clicking an error beside the text scrolls its
span into view. Built from the synthetic output of ``test_review`` (no spaCy model; a few seconds).

Skipped when Playwright or /usr/bin/chromium is missing, unless ``CLAIMS_REQUIRE_BROWSER=1``, which
turns the skip into a failure (for CI machines that must run it). ``playwright install`` is never
needed: the system Chromium is launched by path.
"""

from __future__ import annotations

import csv
import os
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from pipeline.review import build_site

from .test_review import make_inputs

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"


def _unavailable() -> str | None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed (pip install playwright==1.65.2)"
    if not CHROMIUM.exists():
        return f"{CHROMIUM} does not exist (apt-get install chromium)"
    return None


@pytest.fixture(scope="module")
def browser():
    reason = _unavailable()
    if reason is not None:
        if os.environ.get("CLAIMS_REQUIRE_BROWSER") == "1":
            pytest.fail(f"CLAIMS_REQUIRE_BROWSER=1 but the browser test cannot run: {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the name http.server gives it
        pass


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """The site built from the synthetic output, served over HTTP on localhost (as a reviewer would
    open it from a shared folder behind any static server)."""
    root = tmp_path_factory.mktemp("review-browser")
    # 120 paragraphs before the statement: its spans start far below the first screen
    inputs = make_inputs(root, filler_paragraphs=120)
    build_site(inputs["out"], inputs["corpus"], root / "site", inputs["gold"])
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(root / "site")))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield {**inputs, "url": f"http://127.0.0.1:{server.server_address[1]}"}
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def _claims_in_csv(out: Path, doc_id: str) -> int:
    with (out / "claims.csv").open(encoding="utf-8", newline="") as f:
        return sum(1 for row in csv.DictReader(f) if row["doc_id"] == doc_id)


def _in_viewport(page, selector: str) -> bool:
    return page.evaluate(
        """(sel) => { const r = document.querySelector(sel).getBoundingClientRect();
                      return r.top >= 0 && r.bottom <= window.innerHeight && r.height > 0; }""",
        selector,
    )


def test_index_lists_every_document_and_sorts(browser, served):
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    errors: list[str] = []
    page.on("pageerror", lambda err: errors.append(str(err)))
    page.goto(f"{served['url']}/index.html")
    assert page.locator("#documents tbody tr").count() == len(served["documents"])
    # sort by claims, twice: descending puts alpha (4 claims) first
    header = page.locator("#documents thead th", has_text="claims")
    header.click()
    header.click()
    assert page.locator("#documents tbody tr").first.locator("td").first.inner_text() == "alpha"
    assert errors == []
    page.close()


def test_document_page_marks_and_error_navigation(browser, served):
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    errors: list[str] = []
    page.on("pageerror", lambda err: errors.append(str(err)))
    page.goto(f"{served['url']}/docs/alpha.html")
    assert page.locator("main mark.claim").count() == _claims_in_csv(served["out"], "alpha") == 4
    assert page.locator("ol.errors li").count() == 5

    # the miss "3 billion dollars" is far below the first screen until its error is clicked
    assert not _in_viewport(page, "#gold-3")
    page.locator('ol.errors a[data-target="gold-3"]').click()
    page.wait_for_function("() => document.querySelector('#gold-3').classList.contains('flash')")
    assert _in_viewport(page, "#gold-3")
    assert "3 billion dollars" in page.locator("#details").inner_text()

    # a false positive: scrolled to, and its fields shown in the details panel
    page.evaluate("window.scrollTo(0, 0)")
    assert not _in_viewport(page, "#claim-2")
    page.locator('ol.errors a[data-target="claim-2"]').click()
    assert _in_viewport(page, "#claim-2")
    assert "false positive" in page.locator("#details").inner_text()

    # clicking a mark in the text fills the details panel too (the mismatch: gold beside prediction)
    page.locator("#claim-1").click()
    details = page.locator("#details").inner_text()
    assert "field mismatch" in details and "target" in details and "actual" in details

    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "review_document.png"
    page.screenshot(path=str(shot))
    assert shot.stat().st_size > 1000
    assert errors == []
    page.close()


def test_embedded_script_text_does_not_run(browser, served):
    page = browser.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(f"{served['url']}/docs/alpha.html")
    page.locator("#claim-3").click()  # the claim whose metric holds a </script> injection
    assert "alert(2)" in page.locator("#details").inner_text()  # shown as text
    assert dialogs == []
    page.close()
