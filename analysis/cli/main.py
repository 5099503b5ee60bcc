"""``python -m analysis ...``: the commands the Makefile, CI and readers run.

Heavy libraries (statsmodels, seaborn) are imported inside the commands that
need them, so ``check`` stays near the pandas + pandera import floor.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter

from analysis import gate, source
from analysis.base.errors import DataError, OutputError
from analysis.cli import audit as cli_audit
from analysis.cli import facts as cli_facts
from analysis.render import chapter_skeleton, platform_pages


def _source_show(args) -> int:
    rows = {p["key"]: p for p in source.load_paragraphs()}
    if args.key not in rows:
        toc = {t["key"]: t for t in source.load_toc()}
        if args.key in toc:
            print(
                f"{args.key}: listed in the table of contents ({toc[args.key]['section_title']}) "
                "but missing from the capture",
                file=sys.stderr,
            )
        else:
            print(f"{args.key}: no such paragraph (keys look like 2.1.1)", file=sys.stderr)
        return 1
    p = rows[args.key]
    flag = " [TRUNCATED in the capture]" if p["truncated"] == "yes" else ""
    print(f"{p['key']}  {p['section']} {p['section_title']}{flag}")
    print(p["text_traditional"] if args.traditional else p["text_simplified"])
    return 0


def _source_stats(args) -> int:
    paragraphs = source.load_paragraphs()
    toc = source.load_toc()
    repairs = source.load_repairs()
    per_chapter = Counter(int(p["chapter"]) for p in paragraphs)
    slots = Counter(int(t["chapter"]) for t in toc)
    print("chapter  paragraphs  toc_slots")
    for ch in sorted(slots):
        print(f"{ch:>7}  {per_chapter.get(ch, 0):>10}  {slots[ch]:>9}")
    print(f"total    {sum(per_chapter.values()):>10}  {sum(slots.values()):>9}")
    truncated = [p["key"] for p in paragraphs if p["truncated"] == "yes"]
    missing = [t["key"] for t in toc if t["status"] == "missing"]
    lost = [r.repair_id for r in repairs if r.digits_lost]
    print(f"repairs: {len(repairs)} mojibake runs repaired ({len(lost)} with lost digits: {', '.join(lost) or 'none'})")
    print(f"truncated: {', '.join(truncated) or 'none'}")
    print(f"missing: {len(missing)} slots: {', '.join(missing)}")
    return 0


def _source_regenerate(args) -> int:
    written = source.regenerate(force=args.force)
    checksums = source.write_checksums()
    written += [checksums] if checksums else []
    print("\n".join(f"wrote {p}" for p in written) or "up to date: nothing written")
    return 0


def _platforms(args) -> int:
    """The platform pages against the skeleton book/_platform.md and the platforms the data chooses."""
    if args.write:
        touched = platform_pages.write()
        print(
            "\n".join(f"wrote {p}" if p.exists() else f"removed {p}" for p in touched) or "up to date: nothing written"
        )
        return 0
    stale = platform_pages.stale()
    for path in stale:
        print(f"error: {path}: differs from what book/_platform.md and the data make", file=sys.stderr)
    if stale:
        print("run: python -m analysis platforms --write", file=sys.stderr)
        return 1
    print(f"up to date: {len(platform_pages.pages())} platform pages")
    return 0


def _chapters(args) -> int:
    """The chapter pages against their sources (book/_chapter.md + book/chapters/chNN.md)."""
    if args.write:
        written = chapter_skeleton.write()
        print("\n".join(f"wrote {p}" for p in written) or "up to date: nothing written")
        return 0
    stale = chapter_skeleton.stale()
    for path in stale:
        print(f"error: {path}: differs from what book/_chapter.md and book/chapters/{path.name} make", file=sys.stderr)
    if stale:
        print("run: python -m analysis chapters --write", file=sys.stderr)
        return 1
    print(f"up to date: {len(chapter_skeleton.pages())} chapter pages")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m analysis", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    src = sub.add_parser("source", help="the repaired, segmented report")
    src_sub = src.add_subparsers(dest="action", required=True)
    show = src_sub.add_parser("show", help="print one paragraph, e.g. 2.1.1")
    show.add_argument("key")
    show.add_argument("--traditional", action="store_true", help="the cleaned Traditional text")
    show.set_defaults(func=_source_show, gate="source")
    src_sub.add_parser("stats", help="paragraphs per chapter, repairs, missing slots").set_defaults(
        func=_source_stats, gate="source"
    )
    regen = src_sub.add_parser("regenerate", help="rebuild data/source/{paragraphs,toc}.csv from the capture")
    regen.add_argument("--force", action="store_true", help="overwrite files that differ")
    regen.set_defaults(func=_source_regenerate, gate="inputs")

    cli_audit.register(sub)

    cli_facts.register(sub)

    pages = sub.add_parser("chapters", help="check (or --write) book/chNN.md against the chapter skeleton")
    pages.add_argument("--write", action="store_true", help="write the pages that differ")
    pages.set_defaults(func=_chapters)
    plats = sub.add_parser("platforms", help="check (or --write) book/platform_*.md against the platform skeleton")
    plats.add_argument("--write", action="store_true", help="write the pages that differ, remove those of no platform")
    plats.set_defaults(func=_platforms)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if getattr(args, "gate", None):  # every command that reads data/ reads it through the gate
            args.gate_report = gate.require_valid(scope=args.gate)
        return args.func(args)
    except OutputError as exc:  # a place that cannot be written: one line, nothing written
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except DataError as exc:  # bad data: the message names file, row and field; a bug still shows a traceback
        print("\n".join(f"error: {line}" for line in str(exc).splitlines()), file=sys.stderr)
        return 2
