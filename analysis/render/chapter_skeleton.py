"""Chapter pages from one skeleton: ``book/_chapter.md`` (what every chapter page shares) and
``book/chapters/chNN.md`` (what is the chapter's own) make ``book/chNN.md``.

The written page is what jupyter-book, its execution cache, the ``.md``/``.ipynb``
downloads, ``make chapter`` and JupyterLab read, so each stays a complete notebook
that runs on its own; it is written by ``python -m analysis chapters --write`` (``make
book`` runs it) and never edited by hand (``tests/test_chapter_skeleton.py`` fails
on a page that differs from what its two sources make).

A chapter's own file starts with settings in MyST comment lines, then its heading, then
its own prose under a comment line (``ABOUT``) and, if it has any, its own sections under
another (``AFTER``)::

    % chapter: 3
    % also: retold forecasts
    # Chapter 3 · 运营模式创新方向

    *Directions for Operating-Model Innovation*
    % what this chapter is about
    This chapter ...
    % after the shared sections
    ## A section only this chapter has

``also`` adds optional blocks of the skeleton to the default ones (``DEFAULT_BLOCKS``);
``only`` names the blocks exactly. The heading comes before the page's code cells, the
prose under the skeleton's "What this chapter is about", and the own sections after every
shared one. In the skeleton, ``${chapter}`` is the number and ``%% if NAME`` ... ``%% end``
a block. Pure, but for ``pages``/``write``, which read and write ``book/``.
"""

from __future__ import annotations

import re
from pathlib import Path
from string import Template

from analysis.base import paths
from analysis.base.atomic import write_atomic
from analysis.base.errors import DataError
from analysis.base.numbers import is_digits

DEFAULT_BLOCKS = (
    "audit",
    "audit_note",
    "cards",
    "annotated",
    "restated",
    "checks",
    "claims",
    "paragraphs",
)
OPTIONAL_BLOCKS = ("retold", "forecasts", "forecast_figure")
ABOUT = "% what this chapter is about"
AFTER = "% after the shared sections"
_SETTING = re.compile(r"^% (chapter|also|only):[ \t]*(.*)$")
_BLOCK = re.compile(r"^%% if (\w+)\n(.*?)^%% end\n", re.S | re.M)


class SkeletonError(DataError):
    """A chapter's own file or the skeleton cannot make a page (names the file)."""


def parse_own(text: str, name: str = "chapter file") -> tuple[dict, str, str, str]:
    """(settings, heading, about, after) of a chapter's own file."""
    settings: dict = {}
    lines = text.splitlines(keepends=True)
    while lines and (m := _SETTING.match(lines[0].rstrip("\n"))):
        settings[m[1]] = m[2].split()
        lines.pop(0)
    if "chapter" not in settings or len(settings["chapter"]) != 1 or not is_digits(settings["chapter"][0]):
        raise SkeletonError(f"{name}: the first line must be '% chapter: N'")
    marks = [i for i, line in enumerate(lines) if line.rstrip("\n") in (ABOUT, AFTER)]
    if [lines[i].rstrip("\n") for i in marks] not in ([ABOUT], [ABOUT, AFTER]):
        raise SkeletonError(f"{name}: needs a line '{ABOUT}' (then, if it has sections of its own, '{AFTER}')")
    known = set(DEFAULT_BLOCKS) | set(OPTIONAL_BLOCKS)
    for key in ("also", "only"):
        unknown = set(settings.get(key, [])) - known
        if unknown:
            raise SkeletonError(
                f"{name}: unknown block {', '.join(sorted(unknown))} (known: {', '.join(sorted(known))})"
            )
    heading = "".join(lines[: marks[0]])
    about = "".join(lines[marks[0] + 1 : marks[1] if len(marks) == 2 else None])
    after = "".join(lines[marks[1] + 1 :]) if len(marks) == 2 else ""
    return settings, heading, about, after


def expand(skeleton: str, own: str, name: str = "chapter file") -> str:
    """The page a chapter's own file makes with the skeleton."""
    settings, heading, about, after = parse_own(own, name)
    blocks = set(settings["only"]) if "only" in settings else set(DEFAULT_BLOCKS) | set(settings.get("also", []))
    body = re.sub(r"\A(%[^\n]*\n)+", "", skeleton)  # the skeleton's own comments
    body = _BLOCK.sub(lambda m: m[2] if m[1] in blocks else "", body)
    if "%% " in body:
        raise SkeletonError("book/_chapter.md: a block is not closed by '%% end'")
    # heading and prose each fill a line of their own; the own sections fill the line ${after}, or it goes
    text = Template(body).substitute(
        chapter=settings["chapter"][0], heading=heading.removesuffix("\n"), about=about.strip("\n"), after="\x00"
    )
    before, found, rest = text.partition("\x00\n")
    if not found:
        raise SkeletonError("book/_chapter.md: '${after}' must be a line of its own")
    if own_sections := after.strip("\n"):
        before += ("" if before.endswith("\n\n") else "\n") + own_sections + "\n"
    return before + rest


def pages(book: Path | None = None) -> dict[Path, str]:
    """Every chapter page as its sources make it: book/chNN.md -> text."""
    book = paths.BOOK if book is None else book
    skeleton = (book / "_chapter.md").read_text(encoding="utf-8")
    out = {}
    for own in sorted((book / "chapters").glob("ch*.md")):
        out[book / own.name] = expand(skeleton, own.read_text(encoding="utf-8"), f"book/chapters/{own.name}")
    return out


def stale(book: Path | None = None) -> list[Path]:
    """Pages that differ from what their sources make."""
    return [p for p, text in pages(book).items() if not p.is_file() or p.read_text(encoding="utf-8") != text]


def write(book: Path | None = None) -> list[Path]:
    """Write every page that differs from its sources; return those written."""
    written = []
    for path, text in pages(book).items():
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            write_atomic(path, text)
            written.append(path)
    return written
