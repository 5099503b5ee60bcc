"""Chapter pages from one skeleton: book/chNN.md is what book/_chapter.md and book/chapters/chNN.md make."""

from __future__ import annotations

import re
import shutil
import subprocess

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
        settings, _, _, _ = skel.parse_own((BOOK / "chapters" / f"ch{n:02d}.md").read_text(encoding="utf-8"))
        assert settings["chapter"] == [str(n)]


def test_every_chapter_page_of_the_book_is_made_from_the_skeleton():
    chapters = sorted({int(t["chapter"]) for t in source.load_toc()})
    assert chapters == list(range(1, 11))
    made = skel.pages()
    assert sorted(made) == [BOOK / f"ch{n:02d}.md" for n in chapters]
    in_book = re.findall(r"- file: (ch\d\d)\b", (BOOK / "_toc.yml").read_text(encoding="utf-8"))
    assert in_book == [f"ch{n:02d}" for n in chapters]
    for path, text in made.items():
        assert f"\nCHAPTER = {int(path.stem[2:])}\n" in text, path.name


def _skeleton() -> str:
    return (BOOK / "_chapter.md").read_text(encoding="utf-8")


def _shared_paragraphs() -> list[str]:
    # the shared prose (a code cell is the skeleton's own: see _shared_headings_and_code)
    text = re.sub(r"^%.*\n", "", _skeleton(), flags=re.M)  # comments, block marks
    return [p.strip() for p in re.split(r"\n\s*\n", text) if len(p.strip()) > 60 and not p.startswith(("%", "```"))]


def _shared_headings_and_code() -> list[str]:
    """Every heading, target and code line of the skeleton (not a cell's options, not a bare import)."""
    text = _skeleton()
    cells = re.findall(r"^```\{code-cell\}[^\n]*\n(.*?)^```", text, re.S | re.M)
    code = [line for cell in cells for line in cell.splitlines() if line.strip() and not line.startswith(":")]
    prose = re.sub(r"^```.*?^```", "", text, flags=re.S | re.M)
    marks = [line for line in prose.splitlines() if line.startswith("#") or re.fullmatch(r"\(.+\)=", line)]
    return [line for line in code + marks if not line.startswith(("from ", "import "))]


def _as_pattern(line: str) -> str:
    """A skeleton line as a whole-line pattern that any chapter's number fills."""
    return "^" + re.escape(line).replace(re.escape("${chapter}"), r"\d+") + "$"


def test_no_own_file_copies_the_shared_body():
    shared = _shared_paragraphs()
    lines = _shared_headings_and_code()
    assert len(shared) > 10 and len(lines) > 20
    assert "## What this chapter is about" in lines and "chapter_page.audit_summary(CHAPTER)" in lines
    for own in sorted((BOOK / "chapters").glob("ch*.md")):
        text = own.read_text(encoding="utf-8")
        copied = [p[:60] for p in shared if p in text]
        assert not copied, f"{own.name} copies the skeleton: {copied}"
        copied = [line for line in lines if re.search(_as_pattern(line), text, re.M)]
        assert not copied, f"{own.name} copies the skeleton's headings or cells: {copied}"


def test_a_chapter_the_capture_lost_says_so_in_its_own_words():
    page = (BOOK / "ch10.md").read_text(encoding="utf-8")
    for template_sentence in ("Hover over", "Every claim", "init_notebook_mode", "the marks in", "annotated-ch"):
        assert template_sentence not in page
    assert "missing from the capture" in page
    # the shared heading and its summary (which says there is nothing to check), then its own section
    headings = re.findall(r"^#+ .*", page, re.M)
    assert headings[1:] == [
        "## What this chapter is about",
        "## What the audit found",
        "## What survives of the report",
    ]


def test_the_prerun_executes_the_pages_not_the_skeleton():
    if shutil.which("make") is None:
        pytest.skip("no make")
    run = subprocess.run(
        ["make", "-n", "--no-print-directory", "prerun"], cwd=paths.ROOT, capture_output=True, text=True, check=True
    )
    listed = set(re.findall(r"\bbook/([\w.]+\.md)\b", run.stdout))
    assert "_chapter.md" not in listed
    assert {f"ch{n:02d}.md" for n in range(1, 11)} <= listed


def test_a_bad_own_file_is_named():
    with pytest.raises(skel.SkeletonError, match="book/chapters/ch99.md"):
        skel.expand("x", "# no settings\n", "book/chapters/ch99.md")
    with pytest.raises(skel.SkeletonError, match="unknown block"):
        skel.expand("x", "% chapter: 1\n% also: retold nonsense\n% what this chapter is about\n", "ch01.md")
    with pytest.raises(skel.SkeletonError, match="what this chapter is about"):
        skel.expand("x", "% chapter: 1\n# H\n## What this chapter is about\n", "ch01.md")
    with pytest.raises(skel.SkeletonError, match="after"):
        skel.expand("${about}\n", "% chapter: 1\n% what this chapter is about\nA.\n", "ch01.md")


SKELETON = "% comment\nhead ${chapter}\n${heading}\n## About\n\n${about}\n%% if retold\nRETOLD\n%% end\n%% if claims\nCLAIMS\n%% end\n${after}\n"


def test_blocks_follow_the_settings():
    own = "% chapter: 7\n% also: retold\n# H\n% what this chapter is about\n\nA.\n"
    page = skel.expand(SKELETON, own)
    assert page == "head 7\n# H\n## About\n\nA.\nRETOLD\nCLAIMS\n"
    assert "CLAIMS" not in skel.expand(SKELETON, own.replace("% also: retold", "% only: retold"))


def test_a_section_of_its_own_comes_after_the_shared_ones():
    own = "% chapter: 7\n# H\n% what this chapter is about\nA.\n% after the shared sections\n\n## Mine\n\nM.\n\n"
    assert skel.expand(SKELETON, own) == "head 7\n# H\n## About\n\nA.\nCLAIMS\n\n## Mine\n\nM.\n"
    assert skel.expand(SKELETON, own.replace("% chapter: 7", "% chapter: 7\n% only:")).endswith("A.\n\n## Mine\n\nM.\n")
