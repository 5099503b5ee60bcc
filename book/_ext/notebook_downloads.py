"""Offer each executed notebook as .ipynb from its page's download menu, with its outputs and a first cell that
names the repository and says how to run it.

sphinx-book-theme lists an ``.ipynb`` download only for pages whose context
has ``ipynb_source``, and sets it only when a launch button (Binder, Colab…)
is configured; this book has none (it builds offline). myst-nb writes each page's
notebook to ``_build/jupyter_execute/<page>.ipynb`` without its outputs (they live in
jupyter-cache, which ``make prerun`` and the build fill); this extension merges the
cached outputs back in (jupyter-cache's own match, by the notebook's code), puts the
first cell in front (its words are ``analysis.words.NOTEBOOK_INTRO``), writes it next
to the page sources and sets ``ipynb_source`` before the theme builds its buttons.
"""

import re
from pathlib import Path

import nbformat
from jupyter_cache import get_cache  # the build's own cache (myst-nb's dependency)

from analysis.base import schema
from analysis.render.citation import version
from analysis.render.export import repository_url
from analysis.words import NOTEBOOK_INTRO, NOTEBOOK_REPOSITORY_UNNAMED


def _with_outputs(app, nb):
    try:
        cache = get_cache(str(Path(app.outdir).parent / ".jupyter_cache"))
        _, merged = cache.merge_match_into_notebook(nb)
        return merged
    except Exception:  # noqa: BLE001 (no cached run: offer the notebook as myst-nb wrote it)
        return nb


#: a richer copy of the same output makes these redundant in a download: the repr of an HTML or Markdown
#: object is its whole source again
RICHER = {"text/plain": ("text/html", "text/markdown", "image/svg+xml", "image/png")}
GLUE = "application/papermill.record/"


def slim(nb):
    """Each output once: a notebook reader shows the richest copy, so the others only double the download. A value
    glued for the page (myst-nb's ``glue``, kept under a papermill mimetype no notebook reader shows) is shown where it
    was computed, as itself: the figures of a page appear in its notebook."""
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            for key in list(data):
                if key.startswith(GLUE):
                    bare = key[len(GLUE) :]
                    value = data.pop(key)
                    data.setdefault(bare, value)
            if "text/plain" in data and any(k in data for k in RICHER["text/plain"]):
                del data["text/plain"]
    return nb


def intro_cell(pagename: str, title: str):
    repository = repository_url() or NOTEBOOK_REPOSITORY_UNNAMED.format(version=version()[0])
    text = NOTEBOOK_INTRO.format(
        title=title or pagename, report=schema.report_title(), repository=repository, name=pagename
    )
    cell = nbformat.v4.new_markdown_cell(text)
    cell.pop("id", None)
    return cell


def _offer_notebook(app, pagename, templatename, context, doctree):
    executed = Path(app.outdir).parent / "jupyter_execute" / f"{pagename}.ipynb"
    if not executed.exists():
        return
    nb = slim(_with_outputs(app, nbformat.read(executed, as_version=4)))
    title = re.sub(r"<[^>]+>", "", context.get("title") or "").strip()
    nb.cells.insert(0, intro_cell(pagename, title))
    target = Path(app.outdir) / "_sources" / f"{pagename}.ipynb"
    target.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, target)
    context["ipynb_source"] = f"{pagename}.ipynb"


def setup(app):
    # before sphinx-book-theme's add_header_buttons (priority 501) reads the context
    app.connect("html-page-context", _offer_notebook, priority=400)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
