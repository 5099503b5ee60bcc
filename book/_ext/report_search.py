"""Writes into the built HTML's ``_static``: ``report-search.json`` (every paragraph and claim of the report, from
data/) for the search page's substring search (analysis/render/search_index.py, book/_static/audit.js), and the
DataTables bundle from the installed itables package, loaded once as a static file by every table
(analysis/render/tables.DT_URL) instead of inlined into every page. It also drops the themes' source maps, and the search
index from every page but the search page."""

import re
import shutil
from pathlib import Path

#: pydata-sphinx-theme's layout loads Sphinx's search index (230 KB) and its scripts, render-blocking, on every page
#: for a search-as-you-type this book does not use; only the search page needs them
_SEARCH_SCRIPTS = re.compile(
    r'[ \t]*<script src="(?:_static/searchtools\.js|_static/language_data\.js|searchindex\.js)"></script>\n'
)


#: scripts the page loaded before painting although each waits for DOMContentLoaded (documentation_options.js,
#: which inline scripts use at once, stays as it is)
_BLOCKING = re.compile(
    r'<script src="(_static/(?:doctools|sphinx_highlight|clipboard\.min|copybutton|scripts/sphinx-book-theme|'
    r'togglebutton|design-tabs|audit)\.js\?v=[0-9a-f]+)"></script>'
)


_FONTAWESOME = re.compile(r'<script defer src="(_static/scripts/fontawesome\.js\?digest=[0-9a-f]+)"></script>')
_LATE_SCRIPT = (
    r'<script>addEventListener("load",function(){var s=document.createElement("script");'
    r's.src="\1";document.head.appendChild(s)})</script>'
)
_PRELOAD = re.compile(
    r'[ \t]*<link rel="preload" as="script" href="_static/scripts/[a-z-]+\.js\?digest=[0-9a-f]+" />\n?'
)
#: sphinx-design's tab script carries a data attribute, so the pattern above misses it; it also waits for the document
_DESIGN_TABS = re.compile(
    r'<script (data-sd-tabs-storage-prefix="[^"]*") src="(_static/design-tabs\.js\?v=[0-9a-f]+)">'
)


def _write(app, exception):
    if exception is not None or app.builder.format != "html":
        return
    from analysis.render import search_index  # imported at the end of the build: the notebooks ran already

    out = Path(app.outdir) / "_static" / "report-search.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(search_index.to_json(search_index.build()), encoding="utf-8")
    import itables

    bundle = Path(itables.__file__).parent / "html"
    for name in ("dt_bundle.js", "dt_bundle.css"):
        shutil.copyfile(bundle / name, out.parent / name)
    # the themes' source maps (3.4 MB) serve only a developer's debugger, which fetches them on demand
    for source_map in out.parent.rglob("*.map"):
        source_map.unlink()
    for page in Path(app.outdir).glob("*.html"):
        html = page.read_text(encoding="utf-8")
        if page.name != "search.html":
            html = _SEARCH_SCRIPTS.sub("", html)
        # the icon font's script (1.5 MB, 540 KB gzipped), even deferred, shared a slow line with the page and its
        # stylesheets before the first paint: it is fetched once the page has loaded (the icons appear then)
        html = _FONTAWESOME.sub(_LATE_SCRIPT, html)
        # on a slow line, the theme's preloaded scripts and the figures below the fold took the bandwidth the
        # stylesheets needed for the first paint: the scripts load where the page asks for them (deferred), and a
        # figure when the reader scrolls near it
        html = _PRELOAD.sub("", html)
        html = html.replace("<img alt=", '<img loading="lazy" decoding="async" alt=')
        # the theme's small scripts all wait for the document anyway: fetched without blocking the first paint
        if page.name != "search.html":  # the search page's searchtools.js calls doctools.js as it loads
            html = _BLOCKING.sub(r'<script defer src="\1"></script>', html)
            html = _DESIGN_TABS.sub(r'<script defer \1 src="\2">', html)
        page.write_text(html, encoding="utf-8")
    # the themes' message catalogues (.po/.mo) are read by Sphinx when it writes the pages, never by a browser
    shutil.rmtree(out.parent / "locales", ignore_errors=True)


def setup(app):
    app.connect("build-finished", _write)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
