"""The report and this audit as a reader cites them: the report's identity, the audit's version and date.

The version is ``git describe --tags --always --dirty`` and the date that of the commit built
(deterministic: the same commit gives the same page); without git both read "unknown".
"""

from __future__ import annotations

import subprocess
from functools import lru_cache

from analysis.base import paths
from analysis.render.annotate import Markdown
from analysis.render.export import AUTHOR
from analysis.source.identity import report_identity
from analysis.words import CITE_AUDIT, ERROR_ROUTE, REPORT_IDENTITY

UNKNOWN = "unknown"


def _git(*args: str) -> str:
    try:
        done = subprocess.run(["git", *args], cwd=paths.ROOT, capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return UNKNOWN
    return done.stdout.strip() if done.returncode == 0 and done.stdout.strip() else UNKNOWN


@lru_cache(maxsize=1)
def version() -> tuple[str, str]:
    """(git describe, the commit's date)."""
    return _git("describe", "--tags", "--always", "--dirty"), _git("log", "-1", "--format=%cs")


def report_line() -> str:
    r = report_identity()
    return REPORT_IDENTITY.format(
        title=r.title,
        pages=r.pages if r.pages is not None else UNKNOWN,
        site=r.site or "a document-sharing site",
        sha=r.sha256,
    )


def cite_line(url: str = "") -> str:
    v, date = version()
    return CITE_AUDIT.format(author=AUTHOR, title=report_identity().title, version=v, date=date, url=url).strip()


def cite_block() -> Markdown:
    """The landing page's and the brief's identity block: the report, how to cite the audit, how to report an error."""
    return Markdown(f"**The report audited:** {report_line()}\n\n**Cite this audit:** {cite_line()}\n\n{ERROR_ROUTE}")
