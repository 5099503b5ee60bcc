"""Small fixes to the pages jupyter-book 1.x writes, so the browser logs no error.

- sphinx-thebe and sphinx-togglebutton are set up twice by jupyter-book 1.0.4
  (once as its default extensions, once by sphinx-book-theme), so every page
  carries their inline ``<script>`` twice and the second ``const THEBE_JS_URL``
  throws "Identifier has already been declared". Keep the first copy of each
  script.
- pydata-sphinx-theme's layout sets the page's mode to ``localStorage.mode`` or
  ``{{ default_mode }}``; sphinx-book-theme defines no such option, so on a first
  visit the mode is "" and the theme logs "Got invalid theme mode". Give the
  template a default.
"""


def _drop_duplicate_scripts(app, pagename, templatename, context, doctree):
    seen, kept = set(), []
    for script in context.get("script_files", []):
        # the copies differ in priority and in filename (None or ""): compare what the page would run
        key = (str(getattr(script, "filename", script) or ""), getattr(script, "attributes", {}).get("body", ""))
        if key in seen:
            continue
        seen.add(key)
        kept.append(script)
    if "script_files" in context:
        context["script_files"][:] = kept
    context.setdefault("default_mode", "light")


def setup(app):
    app.connect("html-page-context", _drop_duplicate_scripts, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
