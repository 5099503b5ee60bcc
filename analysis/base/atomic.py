"""The one atomic writer: a whole file or nothing, and a set of files all or nothing."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

from analysis.base.errors import OutputError

#: a file's content: its text, its bytes, or a function that writes it to the path it is given
Content = str | bytes | Callable[[Path], None]


def write_atomic(path: Path, text: str) -> None:
    """Write a whole file or nothing: a temporary file in the same directory, then a rename."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        tmp.write_text(text, encoding="utf-8", newline="")
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def _writable_folder(directory: Path) -> None:
    if directory.exists() and not directory.is_dir():
        raise OutputError(f"{directory}: is a file, not a folder; give a folder to write into")
    parent = directory if directory.exists() else next(p for p in directory.parents if p.exists())
    if not parent.is_dir() or not os.access(parent, os.W_OK | os.X_OK):
        raise OutputError(f"{parent}: cannot be written (read-only?); give a folder you can write into")


def write_files(directory: Path, files: dict[str, Content], overwrite: bool = False) -> list[Path]:
    """Write every file into ``directory`` or none: each is written in a hidden staging folder beside them,
    and only when all are written are they renamed into place. An existing file is replaced only with
    ``overwrite``; a folder that cannot be written, or a file where the folder should be, is refused before
    anything is written (``OutputError``, one line naming the path)."""
    _writable_folder(directory)
    targets = [directory / name for name in files]
    existing = [t for t in targets if t.exists() or t.is_symlink()]
    if existing and not overwrite:
        names = ", ".join(str(t.relative_to(directory)) for t in existing[:3])
        names += f" and {len(existing) - 3} more" if len(existing) > 3 else ""
        raise OutputError(f"{directory}: {names} already there; pass --overwrite to replace them")
    if any(t.is_dir() for t in existing):
        raise OutputError(f"{directory}: {', '.join(t.name for t in existing if t.is_dir())} is a folder")
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{directory}: cannot be created ({exc.strerror})") from None
    staging = directory / f".staging-{os.getpid()}.tmp"
    renamed = 0
    try:
        staging.mkdir()
        for name, content in files.items():
            path = staging / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if callable(content):
                content(path)
            elif isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8", newline="")
        renamed = 0
        for name in files:
            (directory / name).parent.mkdir(parents=True, exist_ok=True)
            os.replace(staging / name, directory / name)
            renamed += 1
    except OSError as exc:
        done = "nothing was replaced" if not renamed else f"{renamed} of {len(files)} files were replaced"
        raise OutputError(f"{directory}: cannot be written ({exc.strerror}); {done}") from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return targets
