"""Offer each executed notebook as .ipynb from its page's download menu.

sphinx-book-theme lists an ``.ipynb`` download only for pages whose context
has ``ipynb_source``, and sets it only when a launch button (Binder, Colab…)
is configured; this book has none (it builds offline). This extension copies
the notebook myst-nb executed (``_build/jupyter_execute/<page>.ipynb``) next to
the page sources and sets ``ipynb_source`` before the theme builds its buttons.
"""

from pathlib import Path
from shutil import copy2


def _offer_notebook(app, pagename, templatename, context, doctree):
    executed = Path(app.outdir).parent / "jupyter_execute" / f"{pagename}.ipynb"
    if not executed.exists():
        return
    target = Path(app.outdir) / "_sources" / f"{pagename}.ipynb"
    target.parent.mkdir(parents=True, exist_ok=True)
    copy2(executed, target)
    context["ipynb_source"] = f"{pagename}.ipynb"


def setup(app):
    # before sphinx-book-theme's add_header_buttons (priority 501) reads the context
    app.connect("html-page-context", _offer_notebook, priority=400)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
