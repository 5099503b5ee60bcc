"""The audited report as a reader would cite it: title, where it was captured, how long it is, its hash.

Everything here is read from the capture itself (the document-sharing site's own boilerplate, which
the capture keeps around the report) or from the descriptor; nothing is typed. What the capture does
not show (the page's address, the day it was captured) is said to be unknown, never guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from analysis.base import schema
from analysis.source.capture import RAW_REPORT, load_raw, strip_pinyin, to_simplified

#: the site names itself in its disclaimer: "5. 人人文库网仅提供信息存储空间, ..."
_SITE = re.compile(r"(\S{2,12}?网)仅提供信息存储空间")
#: the preview's progress line: "已阅读5页,还剩28页未读"
_PAGES = re.compile(r"已阅读([0-9]+)页,还剩([0-9]+)页未读")


@dataclass(frozen=True)
class ReportIdentity:
    title: str
    site: str  # as the capture's boilerplate names it; "" when it does not
    pages: int | None  # pages of the original document, from the preview's progress line
    preview_pages: int | None  # pages the free preview showed
    sha256: str


def _clean(raw: str) -> str:
    return to_simplified(strip_pinyin(raw))


def report_identity(raw: str | None = None) -> ReportIdentity:
    text = _clean(load_raw() if raw is None else raw)
    site = _SITE.search(text)
    pages = _PAGES.search(text)
    return ReportIdentity(
        title=schema.report_title(),
        site=site.group(1).lstrip("0123456789. ") if site else "",
        pages=int(pages.group(1)) + int(pages.group(2)) if pages else None,
        preview_pages=int(pages.group(1)) if pages else None,
        sha256=schema.expected_sha256(RAW_REPORT),
    )
