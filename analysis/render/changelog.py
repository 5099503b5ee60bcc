"""What changed in the findings between versions: the changelog page and the ``release`` command.

``data/releases/findings.csv`` keeps, for every release, each finding's verdict, severity and
certainty as the code of that release computed them (written by ``python -m analysis release NAME``,
which refuses a name already there). The page compares each release with the one before it, and
the book being read with the latest release, so a reader sees which findings appeared, went, or
changed verdict, severity or certainty, and when.
"""

from __future__ import annotations

import csv
import io

from analysis import register
from analysis.base import csvio, paths, schema
from analysis.base.atomic import write_atomic
from analysis.base.errors import DataError
from analysis.render.annotate import finding_href
from analysis.words import CHANGELOG_WORDS, SEVERITY_WORDS, SHOWN, VERDICT_WORDS

#: each kept field's values in words
_WORDS = {"verdict": VERDICT_WORDS, "severity": SEVERITY_WORDS, "certainty": {}}


def _word(field: str, value: str) -> str:
    return _WORDS[field].get(value, value)


def _ref(fid: str, now: dict[str, dict]) -> str:
    """A finding's id, linked to its card in the register when the book being read still has it."""
    return f"[`{fid}`]({finding_href(fid)})" if now.get(fid, {}).get("verdict") in SHOWN else f"`{fid}`"


def _what(row: dict) -> str:
    return f"{_word('verdict', row['verdict'])}, {_word('severity', row['severity'])}"


REL = "releases/findings.csv"
#: what a release records of each finding
KEPT = ("verdict", "severity", "certainty")


def load() -> list[dict]:
    return csvio.read_dicts(paths.RELEASES, schema.columns(REL)) if paths.RELEASES.exists() else []


def releases(rows: list[dict]) -> list[tuple[str, str]]:
    """(name, date) of every release, in the order they were made."""
    return list(dict.fromkeys((r["release"], r["released"]) for r in rows))


def snapshot(found) -> dict[str, dict]:
    """finding id -> what a release keeps of it (every finding but recomputations with nothing to hold)."""
    return {
        f.id: {"check": f.check, "verdict": f.verdict, "severity": f.severity, "certainty": f.certainty}
        for f in found
        if f.verdict != "computed"
    }


def of_release(rows: list[dict], name: str) -> dict[str, dict]:
    return {r["finding_id"]: r for r in rows if r["release"] == name}


def diff(before: dict[str, dict], after: dict[str, dict]) -> dict[str, list]:
    """New, gone and changed findings between two snapshots (changes as (id, field, old, new))."""
    changed = [
        (i, k, before[i][k], after[i][k])
        for i in sorted(set(before) & set(after))
        for k in KEPT
        if before[i].get(k) and before[i][k] != after[i][k]
    ]
    return {"new": sorted(set(after) - set(before)), "gone": sorted(set(before) - set(after)), "changed": changed}


def section(title: str, d: dict[str, list], now: dict[str, dict], then: dict[str, dict]) -> str:
    w = CHANGELOG_WORDS
    lines = [f"### {title}", ""]
    if not any(d.values()):
        return "\n".join(lines + [w["none"], ""])
    for fid in d["new"]:
        lines.append(f"- {w['new']}: {_ref(fid, now)} ({_what(now[fid])})")
    for fid in d["gone"]:
        lines.append(f"- {w['gone']}: `{fid}` (was {_what(then[fid])})")
    for fid, field, old, new in d["changed"]:
        lines.append(f"- {_ref(fid, now)}: {field} {_word(field, old)} → {_word(field, new)}")
    return "\n".join(lines + [""])


def page(found=None) -> str:
    """The changelog in Markdown: this build against the latest release, then each release against the one before."""
    rows = load()
    found = register.build(include_consistent=True) if found is None else found
    current = snapshot(found)
    out = []
    made = releases(rows)
    if made:
        name, date = made[-1]
        last = of_release(rows, name)
        out.append(section(CHANGELOG_WORDS["since"].format(name=name, date=date), diff(last, current), current, last))
    for (old, _), (new, date) in zip(made, made[1:]):
        a, b = of_release(rows, old), of_release(rows, new)
        out.append(section(CHANGELOG_WORDS["between"].format(old=old, new=new, date=date), diff(a, b), b, a))
    return "\n".join(out) or CHANGELOG_WORDS["none"]


def add_release(name: str, date: str, found=None) -> int:
    """Append the current findings as release ``name`` (refused if the name is taken); returns the rows added."""
    rows = load()
    if any(r["release"] == name for r in rows):
        raise DataError(f"{csvio.display_name(paths.RELEASES)}: release {name!r} is already recorded")
    found = register.build(include_consistent=True) if found is None else found
    snap = snapshot(found)
    cols = schema.columns(REL)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=cols, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    for fid in sorted(snap):
        writer.writerow({"release": name, "released": date, "finding_id": fid, **snap[fid]})
    paths.RELEASES.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(paths.RELEASES, out.getvalue())
    return len(snap)
