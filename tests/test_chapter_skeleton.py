"""Chapter pages from one skeleton: book/chNN.md is what book/_chapter.md and book/chapters/chNN.md make."""

from __future__ import annotations

import re

import pytest

from analysis import source
from analysis.base import paths
from analysis.render import chapter_skeleton as skel

BOOK = paths.BOOK


def test_every_page_is_what_its_sources_make():
    assert skel.stale() == [], "run: python -m analysis chapters --write"


def test_every_chapter_of_the_table_of_contents_has_its_own_file():
    chapters = {int(t["chapter"]) for t in source.load_toc()}
    assert {int(p.stem[2:]) for p in (BOOK / "chapters").glob("ch*.md")} == chapters
    for n in chapters:
        settings, _, _ = skel.parse_own((BOOK / "chapters" / f"ch{n:02d}.md").read_text(encoding="utf-8"))
        assert settings["chapter"] == [str(n)]


def _shared_paragraphs() -> list[str]:
    text = (BOOK / "_chapter.md").read_text(encoding="utf-8")
    # the shared prose (a one-line code cell that calls a page function is how a page uses it, not a copy)
    return [p.strip() for p in re.split(r"\n\s*\n", text) if len(p.strip()) > 60 and not p.startswith(("%", "```"))]


def test_no_own_file_copies_the_shared_body():
    shared = _shared_paragraphs()
    assert len(shared) > 10
    for own in sorted((BOOK / "chapters").glob("ch*.md")):
        text = own.read_text(encoding="utf-8")
        copied = [p[:60] for p in shared if p in text]
        assert not copied, f"{own.name} copies the skeleton: {copied}"


def test_a_chapter_the_capture_lost_says_so_in_its_own_words():
    page = (BOOK / "ch10.md").read_text(encoding="utf-8")
    for template_sentence in ("Hover over", "Every claim", "init_notebook_mode", "the marks in"):
        assert template_sentence not in page
    assert "missing from the capture" in page


def test_a_bad_own_file_is_named():
    with pytest.raises(skel.SkeletonError, match="book/chapters/ch99.md"):
        skel.expand("x", "# no settings\n", "book/chapters/ch99.md")
    with pytest.raises(skel.SkeletonError, match="unknown block"):
        skel.expand("x", "% chapter: 1\n% also: retold nonsense\n## What this chapter is about\n", "ch01.md")


def test_blocks_follow_the_settings():
    skeleton = (
        "% comment\nhead ${chapter}\n${heading}\n${about}\n%% if retold\nRETOLD\n%% end\n%% if claims\nCLAIMS\n%% end\n"
    )
    own = "% chapter: 7\n% also: retold\n# H\n## What this chapter is about\n\nA.\n"
    page = skel.expand(skeleton, own)
    assert page.startswith("head 7\n# H\n") and "RETOLD" in page and "CLAIMS" in page
    assert "CLAIMS" not in skel.expand(skeleton, own.replace("% also: retold", "% only: retold"))
