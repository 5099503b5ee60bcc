"""Reads the built HTML book (run after `make book`; CI does)."""

import json
import re
from html.parser import HTMLParser

import pytest

from analysis.base import paths
from analysis.render import export

HTML = paths.BOOK / "_build" / "html"
pytestmark = pytest.mark.slow

if not (HTML / "intro.html").exists():
    pytest.skip("book not built: run `make book` first", allow_module_level=True)


def _toc_pages() -> list[str]:
    text = (paths.BOOK / "_toc.yml").read_text(encoding="utf-8")
    globbed = [p.stem for g in re.findall(r"glob:\s*(\S+)", text) for p in sorted(paths.BOOK.glob(g + ".md"))]
    return ["intro"] + re.findall(r"file:\s*(\S+)", text) + globbed  # the platform pages come by a glob


class _Images(HTMLParser):
    def __init__(self):
        super().__init__()
        self.images = []

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            self.images.append(dict(attrs))


@pytest.mark.parametrize("page", _toc_pages())
def test_page_exists_without_errors(page):
    html = (HTML / f"{page}.html").read_text(encoding="utf-8")
    for bad in ("Traceback (most recent call last)", "output stderr", "Error:", "NameError"):
        assert bad not in html, (page, bad)


@pytest.mark.parametrize("page", _toc_pages())
def test_interactive_tables_ship_their_javascript(page):
    # Each itables table is a "Loading ITables" placeholder plus a module script that imports the DataTables
    # bundle from the one static copy (analysis/render/tables.DT_URL), which the build must have published.
    html = (HTML / f"{page}.html").read_text(encoding="utf-8")
    tables = html.count("Loading ITables")
    if tables:
        assert html.count('<script type="module">') >= tables, page
        assert html.count("from './_static/dt_bundle.js'") >= tables, page
        assert (HTML / "_static" / "dt_bundle.js").is_file()


@pytest.mark.parametrize("page", _toc_pages())
def test_every_figure_has_alt_text(page):
    parser = _Images()
    parser.feed((HTML / f"{page}.html").read_text(encoding="utf-8"))
    for img in parser.images:
        if "logo" in img.get("class", ""):
            continue
        assert img.get("alt", "").strip(), (page, img.get("src"))


def test_source_appendix_shows_the_repairs():
    html = (HTML / "appendix_source.html").read_text(encoding="utf-8")
    assert "齑嬷苻D" in html and "庫存周轉" in html
    assert "9.2.2" in html and "10.3.3" in html


@pytest.mark.parametrize("page", [p for p in _toc_pages() if re.fullmatch(r"ch\d\d", p)] + ["dashboard"])
def test_every_chapter_and_the_dashboard_show_a_figure(page):
    parser = _Images()
    parser.feed((HTML / f"{page}.html").read_text(encoding="utf-8"))
    figures = [img for img in parser.images if "logo" not in img.get("class", "")]
    assert figures, page


def test_chapter_4_shows_its_restated_facts():
    html = (HTML / "ch04.html").read_text(encoding="utf-8")
    assert "Restated elsewhere with another value" in html
    assert "fig-restated-ch4" in html


def test_the_brief_is_a_pdf_of_at_most_two_pages_linked_from_the_landing_page():
    pdf = HTML / "brief.pdf"
    assert pdf.is_file(), "make book prints book/_build/html/brief.pdf"
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF")
    pages = len(re.findall(rb"/Type\s*/Page(?![s\w])", data))
    assert 1 <= pages <= 2, pages
    assert 'href="brief.pdf"' in (HTML / "intro.html").read_text(encoding="utf-8")


# --- weight: the DataTables bundle once as a static file, light pages, a small tree --------------------------
#: the heaviest page and the whole published tree (issue: at most 400 KB and 12 MB)
MAX_PAGE, MAX_TREE = 400 * 1024, 12 * 1024 * 1024


#: the ClaimReview a page carries for crawlers (a script a browser neither runs nor shows, last in the page, so it
#: delays no paint) is held to its own limit, apart from what a reader's browser renders
MAX_JSONLD = 160 * 1024
#: the downloads (executed notebooks, their sources, the CSV, JSON and ClaimReview files, the capture, audit.db and
#: the data package) are read by
#: whoever downloads them, never by a page: their own limit
MAX_DOWNLOADS = 14 * 1024 * 1024


def _jsonld_bytes(html: str) -> int:
    return sum(
        len(m.group(0).encode()) for m in re.finditer(r'<script type="application/ld\+json">.*?</script>', html, re.S)
    )


def test_no_page_inlines_the_datatables_bundle_and_every_page_is_light():
    sizes, jsonld = {}, {}
    for p in HTML.glob("*.html"):
        html = p.read_text(encoding="utf-8")
        jsonld[p.name] = _jsonld_bytes(html)
        sizes[p.name] = len(html.encode()) - jsonld[p.name]
    heavy = {n: s for n, s in sizes.items() if s > MAX_PAGE}
    assert heavy == {}, heavy
    assert max(jsonld.values()) <= MAX_JSONLD, max(jsonld.items(), key=lambda kv: kv[1])
    bundle = (HTML / "_static" / "dt_bundle.js").read_text(encoding="utf-8")[:2000]
    for name in ("appendix_ledger.html", "ch04.html", "dashboard.html"):
        html = (HTML / name).read_text(encoding="utf-8")
        assert "./_static/dt_bundle.js" in html and bundle[200:400] not in html, name


def test_the_published_tree_is_small():
    downloads = {HTML / name for name in (*export.FILES, *export.DATABASE_FILES)}
    downloads |= {p for p in (HTML / export.PACKAGE_DIR).rglob("*") if p.is_file()}
    assert all(p.exists() for p in downloads), sorted(str(p) for p in downloads if not p.exists())
    downloads |= set((HTML / "_sources").rglob("*"))
    files = [p for p in HTML.rglob("*") if p.is_file()]
    total = sum(p.stat().st_size for p in files if p not in downloads)
    assert total <= MAX_TREE, f"pages {total / 2**20:.1f} MiB"
    offered = sum(p.stat().st_size for p in files if p in downloads)
    assert offered <= MAX_DOWNLOADS, f"downloads: {offered / 2**20:.1f} MiB"
    assert not list(HTML.rglob("*.map")), "source maps are not published"


def test_the_report_search_index_holds_every_paragraph_and_claim():
    import json

    index = json.loads((HTML / "_static" / "report-search.json").read_text(encoding="utf-8"))
    assert len(index["paragraphs"]) == 85 and len(index["claims"]) > 500
    assert any("敏捷小组" in p["text"] for p in index["paragraphs"])


# --- reuse: ClaimReview in the pages, downloads, executed notebooks --------------------------------------------
_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def _page_reviews(page: str) -> list[dict]:
    html = (HTML / f"{page}.html").read_text(encoding="utf-8")
    return [r for doc in _LD.findall(html) for r in json.loads(doc)["@graph"]]


def test_the_register_page_embeds_the_claimreview_of_every_finding_it_lists():
    published = json.loads((HTML / "claimreview.jsonld").read_text(encoding="utf-8"))["@graph"]
    listed = [r for r in published if "appendix_findings.html#f-" in r["url"]]
    assert listed and _page_reviews("appendix_findings") == listed
    html = (HTML / "appendix_findings.html").read_text(encoding="utf-8")
    for r in listed:  # each review's url is an entry of this page
        assert f'id="{r["url"].split("#")[1]}"' in html, r["url"]


@pytest.mark.parametrize("chapter", range(1, 10))
def test_each_chapter_page_embeds_the_claimreview_of_its_findings(chapter):
    published = json.loads((HTML / "claimreview.jsonld").read_text(encoding="utf-8"))["@graph"]
    mine = [r for r in published if re.search(rf"\({chapter}\.\d+\.\d+: ", r["claimReviewed"])]
    assert mine and _page_reviews(f"ch{chapter:02d}") == mine


def test_every_claimreview_url_is_an_anchor_of_the_published_book():
    base = export.configured_base_url()
    pages: dict[str, str] = {}
    for r in json.loads((HTML / "claimreview.jsonld").read_text(encoding="utf-8"))["@graph"]:
        page, anchor = r["url"].removeprefix(base).split("#")
        if page not in pages:
            pages[page] = (HTML / page).read_text(encoding="utf-8")
        assert f'id="{anchor}"' in pages[page], r["url"]


@pytest.mark.parametrize("page", ["intro", "dashboard", "appendix_findings", "appendix_dictionary"])
def test_the_downloads_are_linked_and_published(page):
    html = (HTML / f"{page}.html").read_text(encoding="utf-8")
    for name in export.FILES:
        assert f'href="{name}"' in html, (page, name)
        assert (HTML / name).is_file() and (HTML / name).stat().st_size > 0, name
    assert (HTML / "findings.csv").read_bytes().startswith(b"\xef\xbb\xbf")


@pytest.mark.parametrize("page", ["ch04", "dashboard", "appendix_findings"])
def test_the_notebook_download_is_executed_and_says_where_it_comes_from_and_how_to_run_it(page):
    html = (HTML / f"{page}.html").read_text(encoding="utf-8")
    assert f"_sources/{page}.ipynb" in html  # offered by the download menu
    nb = json.loads((HTML / "_sources" / f"{page}.ipynb").read_text(encoding="utf-8"))
    first = "".join(nb["cells"][0]["source"])
    assert nb["cells"][0]["cell_type"] == "markdown" and "repository" in first and "nbconvert" in first
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert code and sum(bool(c.get("outputs")) for c in code) >= len(code) // 3, "executed, with outputs"
    shown = [k for c in code for o in c.get("outputs", []) for k in o.get("data", {})]
    assert not [k for k in shown if k.startswith("application/papermill")], "glued values shown as themselves"
    if page != "appendix_findings":
        assert "image/svg+xml" in shown, "the page's figures are in its notebook"


def test_the_canonical_links_use_the_base_url_of_the_published_files():
    html = (HTML / "ch04.html").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{export.configured_base_url()}ch04.html" />' in html
