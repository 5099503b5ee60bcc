"""Fact-layer commands: candidate pairs to decide, and retold passages."""

from __future__ import annotations

import csv
import io
import sys

from analysis import facts, ledger
from analysis.base import paths
from analysis.facts import candidates, retellings


def _pairs(args) -> int:
    data = ledger.load_valid()
    texts = ledger.paragraph_texts()
    proposed = candidates.propose(data.claims, texts)
    decisions = facts.load_decisions(paths.PAIR_DECISIONS) if paths.PAIR_DECISIONS.exists() else []
    decided = {frozenset((d["claim_a"], d["claim_b"])): d for d in decisions}
    rows = proposed if not args.undecided else candidates.undecided(proposed, decisions)
    by_id = {r["claim_id"]: r for r in data.claims.to_dict("records")}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        ["claim_a", "claim_b", "score", "aligned", "span_a", "span_b", "gloss_a", "gloss_b", "decision", "reason"]
    )
    for c in rows:
        d = decided.get(frozenset((c.claim_a, c.claim_b)), {})
        writer.writerow(
            [
                c.claim_a,
                c.claim_b,
                c.score,
                "yes" if c.aligned else "",
                by_id[c.claim_a]["span"],
                by_id[c.claim_b]["span"],
                by_id[c.claim_a]["gloss_en"],
                by_id[c.claim_b]["gloss_en"],
                d.get("decision", ""),
                d.get("reason", ""),
            ]
        )
    sys.stdout.write(out.getvalue())
    missing = candidates.undecided(proposed, decisions)
    print(
        f"{len(proposed)} pairs proposed at threshold {candidates.THRESHOLD}; {len(missing)} undecided", file=sys.stderr
    )
    return 1 if missing else 0


def _retellings(args) -> int:
    table = retellings.passage_table()
    if args.format == "csv":
        sys.stdout.write(table.to_csv(index=False, lineterminator="\n"))
        return 0
    lines = ["# Retold passages", ""]
    for (left, right), group in table.groupby(["left", "right"], sort=False):
        changed = int(group["changed"].sum())
        larger = int(group["right_larger"].sum())
        lines += [
            f"## {left} retold in {right}: {len(group)} aligned sentences, {changed} numbers changed "
            f"({larger} larger in {right})",
            "",
        ]
        for row in group.itertuples():
            lines += [f"- {row.similarity:.2f} 「{row.left_sentence}」", f"  「{row.right_sentence}」"]
            if row.numbers:
                lines.append(f"  numbers: {row.numbers}")
        lines.append("")
    sys.stdout.write("\n".join(lines) + "\n")
    return 0


def register(sub) -> None:
    pr = sub.add_parser(
        "pairs",
        help="candidate pairs of claims that may state one fact, with their decisions; exits 1 if any is undecided",
    )
    pr.add_argument("--undecided", action="store_true", help="only the pairs that still need a decision")
    pr.set_defaults(func=_pairs)
    rt = sub.add_parser(
        "retellings", help="passages the report retells, sentence by sentence, with the numbers changed"
    )
    rt.add_argument("--format", choices=["md", "csv"], default="md")
    rt.set_defaults(func=_retellings)
