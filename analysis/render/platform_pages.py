"""Platform pages from one skeleton: ``book/_platform.md`` makes ``book/platform_<entity>.md`` for each
platform the ledger chooses (``ledger/platforms.py``), so the set of pages follows the data.

Like the chapter pages (``chapter_skeleton.py``), each written page is a complete notebook that
jupyter-book, its cache, the downloads and JupyterLab read on its own; ``python -m analysis platforms
--write`` (``make book`` runs it) writes them and removes the page of a platform that no longer
qualifies; ``book/_toc.yml`` takes them by the glob ``platform_*``. In the skeleton, ``${entity}``
is the entity's key and ``${label}`` its English name. Pure, but for ``write``, which writes ``book/``.
"""

from __future__ import annotations

from pathlib import Path
from string import Template

from analysis import ledger
from analysis.base import paths
from analysis.base.atomic import write_atomic
from analysis.ledger import platforms

SKELETON = "_platform.md"


def expand(skeleton: str, entity: str, label: str) -> str:
    body = "".join(line for line in skeleton.splitlines(keepends=True) if not line.startswith("% "))
    return Template(body).substitute(entity=entity, label=label)


def pages(book: Path | None = None, data_dir: Path | None = None) -> dict[Path, str]:
    """Every platform page as the skeleton and the data make it: book/platform_<entity>.md -> text."""
    book = paths.BOOK if book is None else book
    data = ledger.load_valid(data_dir)
    chosen, _ = platforms.select(data.claims, data.entities)
    skeleton = (book / SKELETON).read_text(encoding="utf-8")
    return {book / f"{platforms.page_name(p.entity)}.md": expand(skeleton, p.entity, p.label) for p in chosen}


def _written(book: Path) -> list[Path]:
    return sorted(book.glob(f"{platforms.page_name('')}*.md"))


def stale(book: Path | None = None) -> list[Path]:
    """Pages that differ from what the skeleton and the data make, and pages of no platform."""
    book = paths.BOOK if book is None else book
    made = pages(book)
    differ = [p for p, text in made.items() if not p.is_file() or p.read_text(encoding="utf-8") != text]
    return differ + [p for p in _written(book) if p not in made]


def write(book: Path | None = None) -> list[Path]:
    """Write every page that differs, remove the pages of platforms no longer chosen; return the paths touched."""
    book = paths.BOOK if book is None else book
    made = pages(book)
    touched = []
    for path, text in made.items():
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            write_atomic(path, text)
            touched.append(path)
    for path in _written(book):
        if path not in made:
            path.unlink()
            touched.append(path)
    return touched
