"""Audit commands: check (the data gate), ledger fill-base, findings, forecasts."""

from __future__ import annotations

import sys

from analysis import gate, ledger
from analysis import register as findings
from analysis.base import csvio, manifest, paths, schema
from analysis.base.atomic import write_atomic
from analysis.base.validation import Context
from analysis.render import changelog, export, forecasts


def _release(args) -> int:
    n = changelog.add_release(args.name, args.date)
    manifest.write(paths.DATA, only=[changelog.REL])  # the release log grows by this release, explicitly
    print(f"recorded release {args.name} ({args.date}): {n} findings")
    return 0


def _manifest(args) -> int:
    """Row counts of the curated files against data/manifest.csv; --write accepts them, only on otherwise valid data."""
    _, changes = manifest.table(Context(paths.DATA))
    for line in changes:
        print(line)
    if not args.write:
        print(
            f"{len(changes)} row counts differ from {manifest.MANIFEST}" + ("; accept with --write" if changes else "")
        )
        return 1 if changes else 0
    blocking = [p for p in gate.run().problems if not manifest.is_count_problem(p)]
    if blocking:
        for problem in blocking:
            print(f"error: {problem}", file=sys.stderr)
        print(f"error: manifest --write refuses: {len(blocking)} other problems (nothing was written)", file=sys.stderr)
        return 2
    manifest.write(paths.DATA)
    print(f"wrote {csvio.display_name(paths.DATA / manifest.MANIFEST)}")
    return 0


def _check(args) -> int:
    report = gate.run()
    for problem in report.problems:
        print(f"error: {problem}", file=sys.stderr)
    if report.coverage is not None:
        cov, data = report.coverage, report.ledger
        print(
            f"coverage: {cov.tokens} number tokens in the body; {cov.in_claims} inside {len(data.claims)} claims, "
            f"{cov.in_non_claims} inside {len(data.non_claims)} non-claim rows, {len(cov.unaccounted)} unaccounted"
        )
    else:
        print("coverage: not computed (the ledger has problems)")
    files = len(schema.resources())
    print(
        f"validation: {len(report.problems)} problems in data/ ({files} files: schemas, references, "
        "the capture's sha256, paragraphs and toc against the capture and repairs)"
    )
    return 1 if report.problems else 0


#: the problems fill-base exists to fix; any other problem makes it refuse
_FILLABLE = {"value_base", "base_unit"}


def _fill_base(args) -> int:
    """Compute value_base (and base_unit, where the unit has only one) for rows where it is
    empty or wrong; writes only with --write, and only when the data passes the gate otherwise."""
    report = gate.run()
    blocking = [p for p in report.problems if not (p.file == csvio.display_name(paths.CLAIMS) and p.field in _FILLABLE)]
    if blocking:
        for problem in blocking:
            print(f"error: {problem}", file=sys.stderr)
        print(
            f"error: fill-base refuses to run: {len(blocking)} problems besides value_base/base_unit; "
            "fix them first (nothing was written)",
            file=sys.stderr,
        )
        return 2
    data, _ = ledger.load()
    scales = ledger.unit_scales(data.units)
    base_options = dict(zip(data.units["unit"], data.units["base_units"].str.split("|")))
    claims = data.claims.copy()
    changed = 0
    for i, row in claims.iterrows():
        if not row["value"] or row["unit"] not in scales:
            continue
        options = base_options[row["unit"]]
        if not row["base_unit"] and len(options) == 1:
            print(f"{row['claim_id']}: base_unit (empty) -> {options[0]}")
            claims.at[i, "base_unit"] = options[0]
            changed += 1
        expected = ledger.format_base(float(row["value"]) * scales[row["unit"]])
        if row["value_base"] != expected:
            print(f"{row['claim_id']}: value_base {row['value_base'] or '(empty)'} -> {expected}")
            claims.at[i, "value_base"] = expected
            changed += 1
    if changed and args.write:
        write_atomic(paths.CLAIMS, claims.to_csv(index=False, lineterminator="\n"))
        print(f"wrote {changed} value_base/base_unit cells to {paths.CLAIMS}")
    elif changed:
        print(f"{changed} rows would change; rerun with --write to write them")
    else:
        print("nothing to change")
    return 0


def _findings(args) -> int:
    sys.stdout.write(
        findings.render(
            findings.build(args.gate_report.ledger, include_consistent=args.include_consistent), args.format
        )
    )
    return 0


def _forecasts(args) -> int:
    sys.stdout.write(forecasts.render(args.format, args.gate_report.ledger))
    return 0


def _export(args) -> int:
    from pathlib import Path

    for path in export.write(Path(args.directory), args.gate_report.ledger, args.base_url, args.date, args.overwrite):
        print(f"wrote {path}")
    return 0


def register(sub) -> None:
    exp = sub.add_parser(
        "export",
        help="write the findings, claims and outside sources as CSV, the register as JSON, ClaimReview (schema.org), "
        "the capture, audit.db with its Datasette metadata.json and the data package (data/) to a directory: all or "
        "nothing",
    )
    exp.add_argument("--overwrite", action="store_true", help="replace files already in the directory")
    exp.add_argument("directory")
    exp.add_argument(
        "--base-url",
        default=None,
        help="the address the book is published at (default: $AUDIT_BASE_URL, else html.baseurl in book/_config.yml)",
    )
    exp.add_argument(
        "--date",
        default=None,
        help="the build's date (YYYY-MM-DD): datePublished of reviews no release holds yet (default: none)",
    )
    exp.set_defaults(func=_export, gate="all")
    rel = sub.add_parser("release", help="record the current findings as a release (data/releases/findings.csv)")
    rel.add_argument("name", help="the release's name, e.g. v0.8 (refused if already recorded)")
    rel.add_argument("--date", required=True, help="the release's day, YYYY-MM-DD")
    rel.set_defaults(func=_release, gate="all")
    fc = sub.add_parser("forecasts", help="forecasts to 2026 and the report held against them (deterministic)")
    fc.add_argument("--format", choices=["json", "csv", "md"], default="md")
    fc.set_defaults(func=_forecasts, gate="all")
    fnd = sub.add_parser("findings", help="print the findings register (deterministic)")
    fnd.add_argument("--format", choices=["json", "csv", "md"], default="md")
    fnd.add_argument(
        "--include-consistent",
        action="store_true",
        help="also list the checks that hold (verdict consistent) and recomputations with no target",
    )
    fnd.set_defaults(func=_findings, gate="all")
    sub.add_parser("check", help="validate data/ and prove every number token is accounted for").set_defaults(
        func=_check
    )
    man = sub.add_parser("manifest", help="row counts of the curated files against data/manifest.csv")
    man.add_argument("--write", action="store_true", help="accept the current counts (refused on any other problem)")
    man.set_defaults(func=_manifest)
    led = sub.add_parser("ledger", help="maintenance of data/claims.csv")
    led_sub = led.add_subparsers(dest="action", required=True)
    fill = led_sub.add_parser("fill-base", help="compute value_base = value x unit scale")
    fill.add_argument("--write", action="store_true", help="write the changes to data/claims.csv")
    fill.set_defaults(func=_fill_base)
