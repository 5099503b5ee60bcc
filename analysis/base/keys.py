"""The one home of the report's keys: a paragraph ``2.1.1`` (chapter.section.paragraph) and a claim ``2.1.1-03``.

Every module asks here for a key's chapter and reading order, so the key format is
written down once.
"""

from __future__ import annotations


def chapter_of(key: str) -> int:
    """The chapter of a paragraph key or a claim id: ``2.1.1`` -> 2, ``10.1.1-01`` -> 10."""
    return int(key.split(".", 1)[0])


def paragraph_sort_key(key: str) -> tuple[int, ...]:
    """Reading order of paragraph keys: 2.1.10 after 2.1.9, 10.1.1 after 9.2.1."""
    return tuple(int(part) for part in key.split("."))


def claim_sort_key(claim_id: str) -> tuple[int, ...]:
    """Reading order of claim ids: 2.1.1-03 after 2.1.1-02, 10.1.1-01 after 9.2.1-05."""
    para, n = claim_id.rsplit("-", 1)
    return paragraph_sort_key(para) + (int(n),)
