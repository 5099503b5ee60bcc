"""The built book in a real browser: Debian's chromium driven by Playwright (run after `make book`; CI does).

Nothing here downloads a browser: Playwright launches the ``chromium`` found on
PATH. The pages are served over 127.0.0.1 (under file:// the theme logs a CORS
error for every fetch). Screenshots of every checked page are written to
``book/_build/screenshots/`` for a person to look at.

Without chromium the module is skipped, unless ``REQUIRE_BROWSER=1`` (set by
.ci/run), when it fails: CI must not pass by skipping its browser tests.
"""

import functools
import gzip
import http.server
import io
import os
import re
import shutil
import threading

import pytest

from analysis import words
from analysis.base import paths

HTML = paths.BOOK / "_build" / "html"
SHOTS = paths.BOOK / "_build" / "screenshots"
pytestmark = pytest.mark.slow

if not (HTML / "intro.html").exists():
    pytest.skip("book not built: run `make book` first", allow_module_level=True)
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
if CHROMIUM is None:
    if os.environ.get("REQUIRE_BROWSER") == "1":
        raise RuntimeError("chromium not found: install Debian's package (apt-get install chromium)")
    pytest.skip("chromium not installed (apt-get install chromium)", allow_module_level=True)

playwright_sync = pytest.importorskip("playwright.sync_api")
CHAPTERS = [f"ch{n:02d}" for n in range(1, 11)]
PAGES = CHAPTERS + ["dashboard", "appendix_findings"]
WIDTH = 1280
#: pixels of overflow tolerated: DataTables' table can report a scroll width 2 px over its cell with no
#: content outside it (borders rounding); a table that cuts text off overflows by far more
SLACK = 3


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server():
    handler = functools.partial(_QuietHandler, directory=str(HTML))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture(scope="module")
def browser():
    with playwright_sync.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        yield b
        b.close()


class Page:
    """One loaded page and the console errors it logged."""

    def __init__(self, browser, url):
        self.errors = []
        self.page = browser.new_page(viewport={"width": WIDTH, "height": 900})
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.goto(url, wait_until="load")
        self.page.wait_for_timeout(400)  # DataTables builds its tables after load


@pytest.fixture(scope="module")
def loaded(server, browser):
    cache = {}

    def get(name):
        if name not in cache:
            cache[name] = Page(browser, f"{server}/{name}.html")
        return cache[name]

    yield get
    for p in cache.values():
        p.page.close()


# --- every chapter page and the dashboard ------------------------------------------------------------
@pytest.mark.parametrize("name", PAGES)
def test_no_horizontal_overflow_at_1280px(loaded, name):
    page = loaded(name).page
    overflowing = page.evaluate(
        """(slack) => {
        const main = document.querySelector('main') || document.body;
        const out = [];
        if (main.scrollWidth > main.clientWidth + slack) out.push('main ' + main.scrollWidth + '>' + main.clientWidth);
        for (const el of main.querySelectorAll('*')) {
            const s = getComputedStyle(el);
            if (!['auto', 'scroll'].includes(s.overflowX) || el.clientWidth === 0) continue;
            if (el.scrollWidth > el.clientWidth + slack)
                out.push((el.id || el.className || el.tagName) + ' ' + el.scrollWidth + '>' + el.clientWidth);
        }
        return out;
    }""",
        SLACK,
    )
    assert overflowing == [], f"{name}: elements that need horizontal scrolling: {overflowing}"


@pytest.mark.parametrize("name", PAGES)
def test_every_figure_has_alt_text_and_decodes(loaded, name):
    # figures load lazily (a slow line paints the text first): each is scrolled to, as a reader would, then decoded
    images = loaded(name).page.evaluate("""async () => {
        const out = [];
        for (const i of [...document.querySelectorAll('main img')].filter(i => !i.className.includes('logo'))) {
            i.scrollIntoView();
            const ok = await i.decode().then(() => i.naturalWidth > 0, () => false);
            out.push({src: i.src, alt: i.alt, ok, lazy: i.loading === 'lazy'});
        }
        window.scrollTo(0, 0);
        return out;
    }""")
    assert images, name
    for img in images:
        assert img["alt"].strip(), (name, img["src"])
        assert img["ok"], (name, img["src"], "did not decode")
        assert img["lazy"], (name, img["src"], "loads before the first paint")


@pytest.mark.parametrize("name", PAGES)
def test_no_console_errors(loaded, name):
    assert loaded(name).errors == [], (name, loaded(name).errors[:5])


@pytest.mark.parametrize("name", CHAPTERS)
def test_every_claim_of_the_chapter_is_marked(loaded, name):
    from analysis import ledger

    data = ledger.load_valid()
    chapter = int(name[2:])
    expected = sorted(
        c for c, p in zip(data.claims["claim_id"], data.claims["paragraph"]) if int(p.split(".")[0]) == chapter
    )
    marked = loaded(name).page.evaluate(
        "() => [...document.querySelectorAll('.annotated-report .claim[id^=\"c-\"]')].map(e => e.id.slice(2))"
    )
    assert sorted(marked) == expected


@pytest.mark.parametrize("name", [c for c in CHAPTERS if c != "ch10"])
def test_focus_on_a_mark_shows_its_details(loaded, name):
    page = loaded(name).page
    first = page.locator(".annotated-report .claim[id^='c-']").first
    tip = first.locator(".tip")
    assert not tip.is_visible()
    first.focus()
    assert tip.is_visible()
    assert "Fact:" in tip.inner_text()
    page.mouse.move(0, 0)
    page.keyboard.press("Escape")
    page.evaluate("() => document.activeElement.blur()")
    first.hover()
    assert tip.is_visible()


def test_a_tooltip_near_the_right_edge_stays_inside_the_column(loaded):
    # 2.2.2's 至42分钟/日 sits at the right end of a line at 1280 px: its tip used to run past the column and be cut
    page = loaded("ch02").page
    column = page.evaluate(
        "() => { const r = document.querySelector('.annotated-report').getBoundingClientRect();"
        " return [r.left, r.right]; }"
    )
    marks = page.locator(".annotated-report .claim[id^='c-']")
    rightmost = max(range(marks.count()), key=lambda i: marks.nth(i).bounding_box()["x"])
    mark = marks.nth(rightmost)
    mark.hover()
    box = mark.locator(".tip").bounding_box()
    page.mouse.move(0, 0)
    assert column[0] - 1 <= box["x"] and box["x"] + box["width"] <= column[1] + 1, (box, column)


@functools.cache  # each page is read once, however many links point into it
def _ids(page_name: str) -> set[str]:
    return set(re.findall(r'\bid="([^"]+)"', (HTML / f"{page_name}.html").read_text(encoding="utf-8")))


@pytest.mark.parametrize("name", PAGES)
def test_every_card_link_reaches_an_anchor(loaded, name):
    hrefs = loaded(name).page.evaluate(
        "() => [...document.querySelectorAll('.finding-card a[href], .annotated-report a[href], .retold-passage a[href]')]"
        ".map(a => a.getAttribute('href'))"
    )
    broken = []
    for href in sorted(set(hrefs)):
        if href.startswith(("http://", "https://")):
            continue  # the outside record's pages: snapshots we cite, not anchors of the book
        target, _, anchor = href.partition("#")
        target = target[:-5] if target.endswith(".html") else (target or name)
        if not anchor:
            continue
        if not (HTML / f"{target}.html").exists() or anchor not in _ids(target):
            broken.append(href)
    assert broken == [], f"{name}: links to anchors that do not exist: {broken[:10]}"


def test_a_finding_card_and_its_mark_link_both_ways(loaded):
    # register card -> mark in the chapter; the mark's tooltip -> back to the card
    page = loaded("appendix_findings").page
    card = page.locator(".finding-card").first
    card_id = card.get_attribute("id")
    href = card.locator(".statement-head a").first.get_attribute("href")
    chapter, anchor = href.split("#")
    assert anchor in _ids(chapter[:-5])
    back = re.findall(rf'id="{re.escape(anchor)}".*?</span></span>', (HTML / chapter).read_text(encoding="utf-8"), re.S)
    assert back and f"#{card_id}" in back[0]


def test_chinese_search_finds_pinduoduo(server, browser):
    page = browser.new_page(viewport={"width": WIDTH, "height": 900})
    page.goto(f"{server}/search.html?q=拼多多", wait_until="load")
    page.wait_for_selector("#search-results ul.search li", timeout=15000)
    found = page.evaluate(
        "() => [...document.querySelectorAll('#search-results ul.search li a')].map(a => a.getAttribute('href'))"
    )
    page.close()
    pages = {h.split(".html")[0] for h in found}
    assert {"ch02", "ch04"} <= pages, found


def test_search_summaries_read_the_page_as_a_reader_sees_it(server, browser):
    """Sphinx cuts each result's summary from the page's text: no tooltip of a mark runs into the sentence."""
    import urllib.parse

    page = browser.new_page(viewport={"width": WIDTH, "height": 900})
    page.goto(f"{server}/search.html?q={urllib.parse.quote('银发族')}", wait_until="load")
    page.wait_for_selector("#search-results ul.search li p.context", timeout=15000)
    summaries = page.locator("#search-results ul.search li p.context").all_inner_texts()
    page.close()
    tooltip_words = [
        words.AXIS_HEADINGS["self"],
        words.AXIS_HEADINGS["outside"],
        "Fact:",
    ]  # a table may say "Searched:"
    assert summaries and not [s for s in summaries if any(w in s for w in tooltip_words)], summaries


# --- screenshots for people --------------------------------------------------------------------------
@pytest.mark.parametrize("name", PAGES)
def test_screenshots(loaded, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page = loaded(name).page
    page.evaluate("() => window.scrollTo(0, 0)")
    page.screenshot(path=str(SHOTS / f"{name}-top.png"))
    for selector, label in (
        (".finding-cards", "cards"),
        (".annotated-report", "annotated"),
        ("table.dataTable", "table"),
    ):
        target = page.locator(selector).first
        if target.count():
            target.scroll_into_view_if_needed()
            page.screenshot(path=str(SHOTS / f"{name}-{label}.png"))
    assert (SHOTS / f"{name}-top.png").stat().st_size > 10_000


@pytest.mark.parametrize("width, height", [(1280, 900), (390, 844)])
def test_the_landing_page_gives_the_verdict_on_its_first_screen(server, browser, width, height):
    """A reader landing on intro.html sees the verdict and the findings to know, linked to their cards, before
    scrolling (at 1280x900: the verdict's first sentence and three linked findings; at 390 px: the verdict)."""
    page = browser.new_page(viewport={"width": width, "height": height})
    page.goto(f"{server}/intro.html", wait_until="load")
    page.screenshot(path=str(SHOTS / f"intro-{width}-top.png"))
    verdict = page.get_by_text("numeric claims").first
    assert verdict.is_visible() and verdict.bounding_box()["y"] < height
    links = page.locator("a[href*='appendix_findings.html#f-']")
    assert links.count() >= 3
    if width >= 1280:
        visible = [links.nth(i).bounding_box() for i in range(links.count())]
        assert sum(b is not None and b["y"] + b["height"] <= height for b in visible) >= 3, visible
        page.goto(links.first.get_attribute("href").join([f"{server}/", ""]), wait_until="load")
        assert page.locator(":target, [id^='f-']").count() > 0
    page.close()


# --- two axes: agreeing with itself is not confirmed; no record found is not platform-internal ---------------
def _mark(page, claim_id):
    return page.locator(f"[id='c-{claim_id}']")


def test_a_confirmed_claim_and_a_merely_self_consistent_one_are_marked_differently(loaded):
    confirmed = _mark(loaded("ch01").page, "1.1.1-01")  # CNNIC's online shoppers: held against the outside record
    assert confirmed.locator("sup.outside-badge.out-held").inner_text() == "record ✓"
    agrees = (
        loaded("ch04").page.locator(".annotated-report .report-paragraph .claim.st-consistent").first
    )  # agrees with another statement
    agrees.scroll_into_view_if_needed()
    assert agrees.locator("sup.claim-symbol").inner_text() == "="
    assert agrees.locator("sup.outside-badge.out-held").count() == 0
    colours = [m.evaluate("e => getComputedStyle(e).backgroundColor") for m in (confirmed, agrees)]
    badge = confirmed.locator("sup.out-held").evaluate("e => getComputedStyle(e).backgroundColor")
    assert badge not in colours, "the record's sign must not share a colour with a claim's own status"
    agrees.focus()
    tip = agrees.locator(".tip")
    assert tip.is_visible() and "What the report says of itself" in tip.inner_text()
    assert "confirmed" not in tip.inner_text().split("What the outside record says")[0]


def test_a_no_record_claim_and_a_platform_internal_one_are_marked_differently(loaded):
    ch01, ch02 = loaded("ch01").page, loaded("ch02").page
    no_record = _mark(ch01, "1.1.2-01")  # MOFCOM would publish it; searched, not found
    internal = _mark(ch02, "2.2.2-03")  # JD's own coverage: nobody publishes it
    assert no_record.locator("sup.outside-badge.out-no-record").inner_text() == "no record"
    assert internal.locator("sup.outside-badge").count() == 0
    no_record.focus()
    text = no_record.locator(".tip").inner_text()
    assert "no record found" in text and "Searched:" in text
    internal.focus()
    assert "platform-internal" in internal.locator(".tip").inner_text()


# --- reading on every device, in Chinese (issue #23) ---------------------------------------------------------
SEARCHES = [  # (query, a claim or paragraph the results must link to): words only the Chinese text has
    ("敏捷小组", "#p-7-2-1"),
    ("直播电商", "#c-1.1.2-01"),
    ("13.8万亿元", "#c-2.1.1-03"),
    ("2.1.1-03", "#c-2.1.1-03"),
    ("京东", "#c-2.2.1-03"),
    ("淘宝", "#c-2.2.1-02"),
    ("得物", "#c-4.3.2-11"),
    ("银发族", "#p-6-2-2"),
]


@pytest.mark.parametrize("width", [390, 1280, 1920])
def test_search_finds_chinese_words_amounts_and_claim_ids_and_names_the_claim(server, browser, width):
    import urllib.parse

    page = browser.new_page(viewport={"width": width, "height": 900})
    for query, target in SEARCHES:
        page.goto(f"{server}/search.html?q={urllib.parse.quote(query)}", wait_until="load")
        box = page.locator("#report-search-results")
        box.locator("h2").wait_for(timeout=10_000)
        links = [a.get_attribute("href") for a in box.locator("a").all()]
        assert any(h.endswith(target) for h in links), (query, links[:10])
    page.screenshot(path=str(SHOTS / f"search-{width}.png"))
    page.close()


@pytest.mark.parametrize("width", [390, 768])
def test_the_visible_navigation_and_contents_buttons_open_their_drawers(server, browser, width):
    page = browser.new_page(viewport={"width": width, "height": 844})
    page.goto(f"{server}/ch04.html", wait_until="load")
    for toggle, dialog in (("primary", "pst-primary-sidebar-modal"), ("secondary", "pst-secondary-sidebar-modal")):
        buttons = page.locator(f".{toggle}-toggle")
        visible = [buttons.nth(i) for i in range(buttons.count()) if buttons.nth(i).is_visible()]
        assert visible, toggle
        visible[0].click()
        page.wait_for_timeout(300)
        assert page.evaluate(f"document.getElementById('{dialog}').open"), toggle
        page.screenshot(path=str(SHOTS / f"drawer-{toggle}-{width}.png"))
        page.keyboard.press("Escape")
        page.wait_for_timeout(200)
    page.close()


@pytest.mark.parametrize("width", [390, 1280, 1920])
def test_tables_break_only_between_words(server, browser, width):
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(f"{server}/appendix_ledger.html", wait_until="load")
    page.wait_for_selector("table.dataTable td")
    styles = page.eval_on_selector_all(
        "table.dataTable td, table.audit-table td", "cells => cells.map(c => getComputedStyle(c).overflowWrap)"
    )
    assert styles and "anywhere" not in styles
    # a cell is never squeezed narrower than a short word: a table wider than its column scrolls instead
    narrow = page.eval_on_selector_all("table.dataTable td", "cells => cells.filter(c => c.offsetWidth < 40).length")
    assert narrow == 0
    page.screenshot(path=str(SHOTS / f"ledger-{width}.png"))
    page.close()


def test_a_linked_claim_lands_clear_of_the_header_and_is_highlighted(server, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{server}/ch02.html#c-2.1.1-03", wait_until="load")
    page.wait_for_timeout(500)
    mark = page.locator("[id='c-2.1.1-03']")
    box = mark.bounding_box()
    header = page.locator("header.bd-header").bounding_box() or {"y": 0, "height": 0}
    assert box["y"] >= header["y"] + header["height"] - 1, (box, header)
    assert mark.evaluate("e => getComputedStyle(e).outlineStyle") == "solid"
    page.close()


class _GzipHandler(_QuietHandler):
    """Serves text gzipped, as every static host does (GitHub Pages, Netlify, nginx's gzip_static)."""

    def send_head(self):
        path = self.translate_path(self.path)
        if "gzip" not in self.headers.get("Accept-Encoding", "") or not os.path.isfile(path):
            return super().send_head()
        ctype = self.guess_type(path)
        data = open(path, "rb").read()
        textual = ctype.startswith(("text/", "application/javascript", "application/json", "image/svg"))
        if textual:
            data = gzip.compress(data, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        if textual:
            self.send_header("Content-Encoding", "gzip")
        self.end_headers()
        return io.BytesIO(data)


def first_paint_on_slow_3g(browser, url: str) -> float:
    """First contentful paint in seconds at 390 px on Chrome's 'Slow 3G' (400 kbit/s, 400 ms) with a 4x slower CPU."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    rate = 400 * 1024 / 8
    cdp.send(
        "Network.emulateNetworkConditions",
        {"offline": False, "latency": 400, "downloadThroughput": rate, "uploadThroughput": rate},
    )
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
    page.goto(url, wait_until="commit", timeout=120_000)
    page.wait_for_function("performance.getEntriesByName('first-contentful-paint').length > 0", timeout=120_000)
    fcp = page.evaluate("performance.getEntriesByName('first-contentful-paint')[0].startTime") / 1000
    context.close()
    return fcp


def test_the_landing_page_and_a_chapter_paint_within_five_seconds_on_a_slow_3g_phone(browser):
    handler = functools.partial(_GzipHandler, directory=str(HTML))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    try:
        landing = first_paint_on_slow_3g(browser, f"{base}/intro.html")
        chapter = first_paint_on_slow_3g(browser, f"{base}/ch04.html")
    finally:
        httpd.shutdown()
    print(f"first contentful paint on slow 3G: intro {landing:.1f} s, ch04 {chapter:.1f} s")
    assert landing < 5, landing
    assert chapter < 5, chapter  # the heaviest chapter page


def test_repaired_text_is_marked_in_the_annotated_chapter_with_its_repair(loaded):
    page = loaded("ch02").page
    runs = page.locator(".annotated-report .report-paragraph .repaired")
    assert runs.count() >= 3
    kinds = set(page.eval_on_selector_all(".report-paragraph .repaired", "rs => rs.map(r => r.className)"))
    assert any("repair-conjecture" in k for k in kinds) and any("repair-proved" in k for k in kinds)
    assert "The capture reads" in runs.first.get_attribute("title")
