"""Which platforms get a page of their own, chosen from the data: never a typed list.

``entities.csv`` says what each subject is (``kind``: ``platform`` for an e-commerce platform or the
company that runs one) and, for a unit, brand or subsidiary, which entity it is ``part_of``
(Taobao, Tmall, Hema and Cainiao are part of Alibaba Group; Temu of Pinduoduo). The rule:

- an entity's claims are the ledger's claims whose ``entity`` is it;
- a unit with fewer than ``MIN_CLAIMS`` claims (its own and those of its own small units) is shown
  on the page of the entity it is part of, whatever its kind (Cainiao's on Alibaba's);
- a platform gets a page when its own claims and its small units' reach ``MIN_CLAIMS``; a unit that
  reaches it on its own has its own page (Taobao, Hema), linked from its parent's and back.

Why 10: a page should be a platform the report returns to, not one it mentions once; ten claims are
more than a paragraph of the report holds on average (``claims_per_paragraph``), so a platform with a
page is discussed in more than one place. The page that lists the platforms says so with the numbers.

Pure: data frames in, ``Platform`` records out.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analysis.base.errors import Problem

#: the fewest claims (a platform's own and its small units') that give it a page
MIN_CLAIMS = 10
#: the entity kind that may have a page (``entities.csv``'s ``kind``)
PLATFORM_KIND = "platform"
ENTITY_KINDS = ("platform", "company", "market", "people", "technology", "authority", "unnamed")


@dataclass(frozen=True)
class Platform:
    entity: str  # the page's entity (its key names the page: platform_<entity>)
    label: str
    members: tuple[str, ...]  # the entity, then its small units shown on its page (entity keys)
    claims: int  # claims of the entity and its members
    part_of: str  # the entity it is part of ('' if none)


def _children(entities: pd.DataFrame) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for e, parent in zip(entities["entity"], entities["part_of"]):
        if parent:
            out.setdefault(parent, []).append(e)
    return out


def select(
    claims: pd.DataFrame, entities: pd.DataFrame, min_claims: int = MIN_CLAIMS
) -> tuple[list[Platform], dict[str, str]]:
    """(the platforms with a page, most claims first; entity -> the page entity its claims are shown on).

    Entities absent from the mapping are on no page (not a platform, or too few claims)."""
    own = claims["entity"].value_counts().to_dict()
    kids = _children(entities)
    labels = dict(zip(entities["entity"], entities["label_en"]))
    kinds = dict(zip(entities["entity"], entities["kind"]))
    parents = dict(zip(entities["entity"], entities["part_of"]))
    folded: dict[str, list[str]] = {}  # entity -> itself and the small units shown with it

    def fold(e: str, seen: frozenset = frozenset()) -> list[str]:
        if e not in folded:
            members = [e]
            for k in sorted(kids.get(e, [])):
                if k in seen:  # a cycle: the gate rejects it (cycles()); never recurse for ever
                    continue
                sub = fold(k, seen | {e})
                if sum(own.get(m, 0) for m in sub) < min_claims:
                    members += sub
            folded[e] = members
        return folded[e]

    pages = []
    for e in entities["entity"]:
        members = fold(e)
        n = sum(own.get(m, 0) for m in members)
        if kinds.get(e) == PLATFORM_KIND and n >= min_claims:
            pages.append(Platform(e, labels[e], tuple(members), n, parents.get(e, "")))
    pages.sort(key=lambda p: (-p.claims, p.entity))
    page_of = {m: p.entity for p in pages for m in p.members}
    return pages, page_of


def left_out(claims: pd.DataFrame, entities: pd.DataFrame, min_claims: int = MIN_CLAIMS) -> list[tuple[str, int]]:
    """Platforms the report names whose claims are on no page: (label, claims), most claims first."""
    _, page_of = select(claims, entities, min_claims)
    own = claims["entity"].value_counts().to_dict()
    rows = [
        (label, own.get(e, 0))
        for e, label, kind in zip(entities["entity"], entities["label_en"], entities["kind"])
        if kind == PLATFORM_KIND and e not in page_of and own.get(e, 0)
    ]
    return sorted(rows, key=lambda r: (-r[1], r[0]))


def claims_per_paragraph(claims: pd.DataFrame) -> float:
    """How many claims a paragraph that holds any holds on average (the page list's yardstick)."""
    return len(claims) / max(claims["paragraph"].nunique(), 1)


def page_name(entity: str) -> str:
    """The book page of a platform: platform_jd (platform_jd.html)."""
    return f"platform_{entity}"


def entity_problems(entities: pd.DataFrame, path, kinds: tuple[str, ...]) -> list[Problem]:
    """Rows of entities.csv whose kind is unknown or whose part_of names itself or closes a cycle (the
    gate's engine checks that part_of names an entity: a foreign key of the descriptor)."""
    problems = []
    parents = dict(zip(entities["entity"], entities["part_of"]))
    for i, (e, kind, parent) in enumerate(zip(entities["entity"], entities["kind"], entities["part_of"]), start=2):
        if kind not in kinds:
            problems.append(Problem(path, i, e, "kind", f"{kind!r}: one of {', '.join(kinds)}"))
        seen, at = {e}, parent
        while at:
            if at in seen:
                problems.append(Problem(path, i, e, "part_of", f"{parent!r}: part_of goes round in a circle"))
                break
            seen.add(at)
            at = parents.get(at, "")
    return problems
