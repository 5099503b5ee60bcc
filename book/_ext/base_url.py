"""One base URL for the whole book: the pages' canonical links follow the address the published files use
(``analysis.render.export.configured_base_url``: $AUDIT_BASE_URL, else ``html.baseurl`` in ``_config.yml``)."""

from analysis.render.export import configured_base_url


def _use_configured_base_url(app, config):
    url = configured_base_url()
    if url:
        config.html_baseurl = url


def setup(app):
    app.connect("config-inited", _use_configured_base_url)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
