"""The platform pages in a real browser (Debian's chromium driven by Playwright, as tests/test_browser.py; run
after `make book`): a page per platform exists, lists its claims, and its links land on the marks and cards;
its tables read at 390 px (they scroll inside their box, no cell squeezed to a letter a line) and at 1280 px.
Screenshots of the largest platform's page at both widths go to book/_build/screenshots/."""

import functools
import http.server
import sys
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest

sys.path.insert(0, str(Path(__file__).parent))
# its module-level checks skip this module too when the book is not built or chromium is missing
from test_browser import CHROMIUM, HTML, SHOTS, SLACK, Page, _QuietHandler, playwright_sync  # noqa: E402

from analysis import ledger  # noqa: E402
from analysis.ledger import platforms  # noqa: E402

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def server():
    handler = functools.partial(_QuietHandler, directory=str(HTML))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture(scope="module")
def browser():
    with playwright_sync.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        yield b
        b.close()


@pytest.fixture(scope="module")
def chosen():
    data = ledger.load_valid()
    pages, _ = platforms.select(data.claims, data.entities)
    assert pages, "the audited report has platforms with a page"
    members = {p.entity: set(p.members) for p in pages}
    claims = {p.entity: set(data.claims[data.claims["entity"].isin(members[p.entity])]["claim_id"]) for p in pages}
    return pages, claims


def _open(browser, url, width):
    p = Page(browser, url)
    p.page.set_viewport_size({"width": width, "height": 900})
    p.page.wait_for_timeout(200)
    return p


def test_every_platform_page_exists_and_is_listed(browser, server, chosen):
    pages, _ = chosen
    for p in pages:
        assert (HTML / f"{platforms.page_name(p.entity)}.html").is_file(), p.entity
    index = _open(browser, f"{server}/platforms.html", 1280)
    hrefs = index.page.eval_on_selector_all("main .pl-table a", "els => els.map(e => e.getAttribute('href'))")
    assert hrefs == [f"{platforms.page_name(p.entity)}.html" for p in pages]
    intro = _open(browser, f"{server}/intro.html", 1280)
    landing = intro.page.eval_on_selector_all("main .pl-landing a", "els => els.map(e => e.getAttribute('href'))")
    assert landing == hrefs
    assert index.errors == [] and intro.errors == []


def test_a_platform_page_lists_its_claims_and_its_links_land_on_the_marks(browser, server, chosen):
    pages, claims = chosen
    top = pages[0]
    page = _open(browser, f"{server}/{platforms.page_name(top.entity)}.html", 1280)
    assert page.errors == [], page.errors[:5]
    rows = page.page.eval_on_selector_all(
        'main .pl-scroll[aria-label^="claims-"] tbody td.pl-id a.pl-claim', "els => els.map(e => e.textContent)"
    )
    assert set(rows) == claims[top.entity] and len(rows) == len(claims[top.entity])
    signs = page.page.eval_on_selector_all("main .pl-table td.pl-sign .claim", "els => els.length")
    assert signs >= len(rows)  # the report's own status, in the marks' classes
    links = page.page.eval_on_selector_all("main a", "els => els.map(e => e.getAttribute('href'))")
    targets: dict[str, set[str]] = {}
    for href in links:
        parts = urlsplit(href or "")
        if parts.fragment.startswith(("c-", "f-")) and parts.path:
            targets.setdefault(parts.path, set()).add(parts.fragment)
    assert any(f.startswith("c-") for ids in targets.values() for f in ids)
    assert any(f.startswith("f-") for ids in targets.values() for f in ids)
    for path, ids in targets.items():
        target = Page(browser, f"{server}/{path}")
        present = target.page.evaluate("ids => ids.filter(i => document.getElementById(i))", sorted(ids))
        target.page.close()
        assert set(present) == ids, (path, sorted(ids - set(present))[:5])


@pytest.mark.parametrize("width", [390, 1280])
def test_a_platform_page_reads_at_phone_and_desktop_width(browser, server, chosen, width):
    pages, _ = chosen
    name = platforms.page_name(pages[0].entity)
    page = _open(browser, f"{server}/{name}.html", width)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.page.screenshot(path=str(SHOTS / f"{name}-{width}.png"), full_page=False)
    result = page.page.evaluate(
        """(slack) => {
        const main = document.querySelector('main') || document.body;
        const narrow = [...main.querySelectorAll('.pl-table td, .pl-table th')]
            .filter(td => td.textContent.trim().length > 3 && td.getBoundingClientRect().width < 56)
            .map(td => td.textContent.trim().slice(0, 20));
        const boxes = [...main.querySelectorAll('.pl-scroll')];
        return {
            page: document.documentElement.scrollWidth - document.documentElement.clientWidth,
            narrow,
            scrolling: boxes.filter(b => b.scrollWidth > b.clientWidth + slack).length,
            boxes: boxes.length,
        };
    }""",
        SLACK,
    )
    assert result["page"] <= SLACK, f"{name} at {width}px: the page scrolls sideways by {result['page']}px"
    assert result["narrow"] == [], f"{name} at {width}px: cells squeezed to a letter a line: {result['narrow'][:5]}"
    if width == 1280:
        assert result["scrolling"] == 0, f"{name}: a table needs sideways scrolling at 1280px"
    assert result["boxes"] >= 3
