"""Audit commands: check (the data gate), ledger fill-base, findings, forecasts."""
from __future__ import annotations

import sys


def _check(args) -> int:
    from . import ledger

    try:
        data, problems = ledger.load()
    except ledger.LedgerError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    from . import facts

    if not problems:  # the fact layer needs a valid ledger to be read at all
        try:
            fact_files = facts.load()
        except ledger.LedgerError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        # every proposed pair decided: `python -m analysis pairs --undecided` (its own command, run by make test:
        # generating the candidates would put check past 1.5x its import floor)
        problems = facts.problems(data, fact_files)
    for problem in problems:
        print(f"error: {problem}", file=sys.stderr)
    cov = ledger.coverage(data)
    for token, context in cov.unaccounted:
        print(f"unaccounted: paragraph {token.paragraph}, offset {token.start}, token {token.text}: …{context}…",
              file=sys.stderr)
    n_claims = len(data.claims)
    print(f"coverage: {cov.tokens} number tokens in the body; {cov.in_claims} inside {n_claims} claims, "
          f"{cov.in_non_claims} inside {len(data.non_claims)} non-claim rows, {len(cov.unaccounted)} unaccounted")
    print(f"validation: {len(problems)} problems in data/ (claims, non_claims, units, entities, metrics, facts, "
          "pair decisions)")
    return 1 if problems or cov.unaccounted else 0


def _fill_base(args) -> int:
    """Compute value_base (and base_unit, where the unit has only one) for rows where it is
    empty or wrong; writes only with --write."""
    from . import ledger, paths

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
        claims.to_csv(paths.CLAIMS, index=False, lineterminator="\n")
        print(f"wrote {changed} value_base/base_unit cells to {paths.CLAIMS}")
    elif changed:
        print(f"{changed} rows would change; rerun with --write to write them")
    return 0


def _findings(args) -> int:
    from . import findings

    sys.stdout.write(findings.render(findings.build(include_consistent=args.include_consistent), args.format))
    return 0


def _forecasts(args) -> int:
    from . import forecast

    sys.stdout.write(forecast.render(args.format))
    return 0


def register(sub) -> None:
    fc = sub.add_parser("forecasts", help="forecasts to 2026 and the report held against them (deterministic)")
    fc.add_argument("--format", choices=["json", "csv", "md"], default="md")
    fc.set_defaults(func=_forecasts)
    fnd = sub.add_parser("findings", help="print the findings register (deterministic)")
    fnd.add_argument("--format", choices=["json", "csv", "md"], default="md")
    fnd.add_argument("--include-consistent", action="store_true",
                     help="also list the checks that hold (verdict consistent) and recomputations with no target")
    fnd.set_defaults(func=_findings)
    sub.add_parser("check", help="validate data/ and prove every number token is accounted for").set_defaults(func=_check)
    led = sub.add_parser("ledger", help="maintenance of data/claims.csv")
    led_sub = led.add_subparsers(dest="action", required=True)
    fill = led_sub.add_parser("fill-base", help="compute value_base = value x unit scale")
    fill.add_argument("--write", action="store_true", help="write the changes to data/claims.csv")
    fill.set_defaults(func=_fill_base)
