"""ClaimReview embedded in the pages, where a crawler finds it: the register page carries the reviews of the
findings it lists, each chapter page the reviews of every finding that names its claims, as ``<script type="application/ld+json">`` (the same
reviews, word for word, as ``claimreview.jsonld``; dated as ``export.claim_reviews`` dates them, the build's date
being the date of the commit built)."""

from __future__ import annotations

import json

from analysis.base.keys import chapter_of
from analysis.render import export
from analysis.render.annotate import Html
from analysis.render.citation import UNKNOWN, version
from analysis.render.state import shared


def reviews(chapter: int | None = None) -> dict:
    """The ClaimReview document of the findings the register lists (each review's ``url`` is its entry there), or of
    every finding naming a claim of ``chapter`` (a check that holds has its ``url`` at its first claim's mark)."""
    data, everything = shared()
    if chapter is None:
        everything = [f for f in everything if f.shown]
    else:
        everything = [f for f in everything if any(chapter_of(c) == chapter for c in f.claims)]
    date = version()[1]
    return export.claim_reviews(everything, data.claims.to_dict("records"), date=None if date == UNKNOWN else date)


def script(chapter: int | None = None) -> Html | None:
    """The reviews as a JSON-LD script element (None, which a notebook does not show, when no finding names the
    chapter's claims)."""
    doc = reviews(chapter)
    if not doc["@graph"]:
        return None
    # "</" inside a string would close the element early; "<\/" is the same JSON string
    text = json.dumps(doc, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    return Html(f'<script type="application/ld+json">{text}</script>')
