"""Fault injection: every fault class of issue 12, on a temporary copy of data/.

Each fault must be rejected cleanly: ``check`` exits non-zero, its message
names the file (and the row or line, and the field, where there is one), no
traceback, and no file of the copy changes. Content-preserving re-saves (a
UTF-8 BOM, CRLF line endings) must be accepted and give byte-identical
findings. ``test_fault_counts`` prints the tally the closing note quotes.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).parent))
import faults as F  # noqa: E402

from analysis import gate
from analysis.base import paths, schema  # noqa: E402
from analysis.cli import main as cli

CSV_FILES = sorted(r["path"] for r in schema.package()["resources"] if "schema" in r)

# (id, mutator, what the message must contain: file, then row/line and field where there is one)
FAULTS = [
    # --- the outside record
    (
        "outside-not-found-without-searches",
        F.set_cell("outside_checks.csv", 4, "searched", ""),
        ["data/outside_checks.csv", "row 4 (1.1.2-01)", "field searched"],
    ),
    (
        "outside-unknown-status",
        F.set_cell("outside_checks.csv", 4, "outside_check", "guessed"),
        ["data/outside_checks.csv", "row 4 (1.1.2-01)", "field outside_check"],
    ),
    (
        "outside-mapped-claim-not-checked",
        F.set_cell("outside_checks.csv", 3, "outside_check", "platform_internal"),
        ["data/outside_checks.csv", "row 3 (1.1.1-02)", "field outside_check", "CNNIC_PENETRATION"],
    ),
    (
        "outside-unknown-series",
        F.set_cell("outside_checks.csv", 3, "source", "NO_SUCH_SERIES"),
        ["data/outside_checks.csv", "row 3 (1.1.1-02)", "field source"],
    ),
    (
        "official-map-row-repointed",  # the status still says CNNIC_PENETRATION; no check would run
        F.set_cell("reference/claim_official_map.csv", 2, "claim_id", "1.1.1-01"),
        ["data/outside_checks.csv", "row 3 (1.1.1-02)", "field source", "CNNIC_PENETRATION: no claim map row"],
    ),
    (
        "outside-source-moved-to-another-claim",
        F.set_cell("reference/outside_sources.csv", 2, "claim_id", "2.2.3-02"),
        ["data/outside_checks.csv", "(2.2.3-01)", "field source", "no outside_sources.csv row joins it"],
    ),
    (
        "outside-source-without-quote",
        F.set_cell("reference/outside_sources.csv", 2, "quote", ""),
        ["data/reference/outside_sources.csv", "row 2", "field quote"],
    ),
    # --- the fact layer
    (
        "facts-unknown-fact-on-claim",
        F.set_cell("claims.csv", 2, "fact_id", "china.no_such_fact"),
        ["data/claims.csv", "row 2 (1.1.1-01)", "field fact_id"],
    ),
    (
        "facts-unknown-metric",
        F.set_cell("facts.csv", 2, "metric", "no_such_measure"),
        ["data/facts.csv", "row 2", "field metric"],
    ),
    (
        "facts-decision-not-a-decision",
        F.set_cell("pair_decisions.csv", 2, "decision", "maybe"),
        ["data/pair_decisions.csv", "row 2", "field decision"],
    ),
    (
        "facts-same-across-two-facts",
        F.set_cell("pair_decisions.csv", 3, "decision", "same"),
        ["data/pair_decisions.csv", "row 3", "field decision", "belong to facts"],
    ),
    (
        "facts-period-basis-unknown",
        F.set_cell("claims.csv", 2, "period_basis", "guessed"),
        ["data/claims.csv", "row 2 (1.1.1-01)", "field period_basis"],
    ),
    ("facts-empty-label", F.set_cell("facts.csv", 2, "label_zh", ""), ["data/facts.csv", "row 2", "field label_zh"]),
    # --- files check never opened before, each in the realistic way it breaks
    (
        "relations-unknown-claim",
        F.replace("relations.csv", "R008,speedup,7.1.3-05", "R008,speedup,7.1.3-55"),
        ["data/relations.csv", "row 9 (R008)", "field inputs", "7.1.3-55"],
    ),
    (
        "relations-unknown-target",
        F.set_cell("relations.csv", 9, "target", "7.1.3-99"),
        ["data/relations.csv", "row 9", "field target"],
    ),
    (
        "relations-unknown-kind",
        F.set_cell("relations.csv", 9, "kind", "ratio"),
        ["data/relations.csv", "row 9", "field kind"],
    ),
    (
        "relations-duplicate-id",
        F.set_cell("relations.csv", 10, "relation_id", "R008"),
        ["data/relations.csv", "row 10", "field relation_id", "duplicate"],
    ),
    (
        "relations-wrong-arity",
        F.set_cell("relations.csv", 9, "inputs", "7.1.3-06"),
        ["data/relations.csv", "row 9", "field inputs"],
    ),
    (
        "relations-decrease-outside-same-change",
        F.set_cell("relations.csv", 9, "inputs", "-7.1.3-06 7.1.3-05"),
        ["data/relations.csv", "row 9", "field inputs"],
    ),
    (
        "relations-mixed-units",
        F.set_cell("relations.csv", 9, "inputs", "7.1.3-06 2.1.1-03"),
        ["data/relations.csv", "row 9", "field inputs", "one unit"],
    ),
    (
        "relations-sum-of-another-measure",  # online-shopping penetration (%) summed with market shares (%)
        F.set_cell("relations.csv", 2, "inputs", "2.2.1-02 2.2.1-03 1.1.1-02"),
        ["data/relations.csv", "row 2 (R001)", "field inputs", "one measure", "1.1.1-02 market_penetration"],
    ),
    (
        "relations-implied-base-of-two-subjects",  # Douyin's GMV over Pinduoduo's share
        F.set_cell("relations.csv", 6, "inputs", "2.2.2-07 2.2.1-04"),
        ["data/relations.csv", "row 6 (R005)", "field inputs", "one subject", "2.2.1-04 pinduoduo"],
    ),
    (
        "relations-speedup-reversed",  # 从30天缩短至7天 read backwards fabricates impossible arithmetic
        F.replace("relations.csv", "R008,speedup,7.1.3-05 7.1.3-06,", "R008,speedup,7.1.3-06 7.1.3-05,"),
        ["data/relations.csv", "row 9 (R008)", "field inputs", "7.1.3-05 comes before 7.1.3-06"],
    ),
    (
        "relations-multiple-reversed",
        F.replace("relations.csv", "R006,multiple,3.2.1-01 4.3.1-04,", "R006,multiple,4.3.1-04 3.2.1-01,"),
        ["data/relations.csv", "row 7 (R006)", "field inputs", "target 3.2.1-02 compares: 3.2.1-01"],
    ),
    (
        "relations-implied-base-reversed",
        F.replace("relations.csv", "R002,implied_base,2.1.1-03 2.1.1-04,", "R002,implied_base,2.1.1-04 2.1.1-03,"),
        ["data/relations.csv", "row 3 (R002)", "field inputs", "a level and then its share"],
    ),
    (
        "relations-bom-then-bad",
        F.chain(F.bom("relations.csv"), F.set_cell("relations.csv", 2, "kind", "summ")),
        ["data/relations.csv", "row 2", "field kind"],
    ),
    # --- the kind of outside figure
    (
        "figure-kind-unknown",
        F.replace("reference/official_stats.csv", ",2025,2.75,CNY_trn,projection,", ",2025,2.75,CNY_trn,forecast,"),
        ["data/reference/official_stats.csv", "field figure_kind", "'forecast'"],
    ),
    (
        "projection-typed-as-actual",
        F.replace("reference/official_stats.csv", ",2025,2.75,CNY_trn,projection,", ",2025,2.75,CNY_trn,actual,"),
        ["data/reference/official_stats.csv", "field figure_kind", "must be projection"],
    ),
    (
        "partial-period-typed-as-actual",
        F.replace("reference/official_stats.csv", ",2025-01/09,6.4,pct,partial_period,", ",2025-01/09,6.4,pct,actual,"),
        ["data/reference/official_stats.csv", "field figure_kind", "must be partial_period"],
    ),
    (
        "figure-kind-empty",
        F.replace("reference/outside_sources.csv", ",>4,CNY_trn,projection,", ",>4,CNY_trn,,"),
        ["data/reference/outside_sources.csv", "field figure_kind", "empty"],
    ),
    # --- the primary publication and the day a row was read
    (
        "read-on-not-a-date",
        F.set_cell("reference/official_stats.csv", 2, "read_on", "2026-02-30"),
        ["data/reference/official_stats.csv", "row 2 (NBS_NONPHYS_ONLINE_RETAIL)", "field read_on", "not a date"],
    ),
    (
        "read-on-not-iso",
        F.set_cell("reference/outside_sources.csv", 3, "read_on", "2 Dec 2026"),
        ["data/reference/outside_sources.csv", "row 3 (2.2.3-02)", "field read_on", "does not match"],
    ),
    (
        "read-on-in-the-future",
        F.set_cell("reference/official_stats.csv", 2, "read_on", "2099-01-01"),
        ["data/reference/official_stats.csv", "row 2 (NBS_NONPHYS_ONLINE_RETAIL)", "field read_on", "in the future"],
    ),
    (
        "read-on-before-the-record",
        F.set_cell("reference/official_stats.csv", 2, "read_on", "2025-11-25"),
        [
            "data/reference/official_stats.csv",
            "row 2 (NBS_NONPHYS_ONLINE_RETAIL)",
            "field read_on",
            "before 2026-11-01",
        ],
    ),
    (
        "read-on-missing",
        F.set_cell("reference/outside_sources.csv", 3, "read_on", ""),
        ["data/reference/outside_sources.csv", "row 3 (2.2.3-02)", "field read_on", "empty"],
    ),
    (
        "released-not-a-date",
        F.set_cell("reference/official_stats.csv", 2, "primary_released", "2016-02-30"),
        [
            "data/reference/official_stats.csv",
            "row 2 (NBS_NONPHYS_ONLINE_RETAIL)",
            "field primary_released",
            "not a date",
        ],
    ),
    (
        "released-after-read",
        F.set_cell("reference/outside_sources.csv", 3, "primary_released", "2026-12-24"),
        ["data/reference/outside_sources.csv", "row 3 (2.2.3-02)", "field primary_released", "after the row was read"],
    ),
    (
        "released-month-after-read",
        F.set_cell("reference/official_stats.csv", 2, "primary_released", "2026-12"),
        ["data/reference/official_stats.csv", "row 2 (NBS_NONPHYS_ONLINE_RETAIL)", "field primary_released", "after"],
    ),
    (
        "issuer-missing",
        F.set_cell("reference/official_stats.csv", 2, "primary_issuer", ""),
        ["data/reference/official_stats.csv", "row 2 (NBS_NONPHYS_ONLINE_RETAIL)", "field primary_issuer", "empty"],
    ),
    (
        "issuer-missing-outside",
        F.set_cell("reference/outside_sources.csv", 2, "primary_issuer", " "),
        ["data/reference/outside_sources.csv", "row 2 (2.2.3-01)", "field primary_issuer", "empty"],
    ),
    (
        "mirror-address-as-the-issuers",
        F.set_cell(
            "reference/outside_sources.csv",
            2,
            "primary_url",
            "http://m.digipub.cc/dy/article/KF6VVBG70556690T.html?spss=dy_author",
        ),
        ["data/reference/outside_sources.csv", "row 2 (2.2.3-01)", "field primary_url", "graded mirror"],
    ),
    (
        "primary-url-not-an-address",
        F.set_cell("reference/official_stats.csv", 2, "primary_url", "stats.gov.cn"),
        ["data/reference/official_stats.csv", "row 2 (NBS_NONPHYS_ONLINE_RETAIL)", "field primary_url"],
    ),
    # --- the one schema, data/datapackage.json
    (
        "descriptor-undocumented",
        F.descriptor(lambda r: F.field_of(r, "relations.csv", "note").update(description="")),
        ["data/datapackage.json", "field description", "relations.csv: note is not described"],
    ),
    (
        "descriptor-renamed-column",
        F.descriptor(lambda r: F.field_of(r, "relations.csv", "note").update(name="notes")),
        ["data/relations.csv", "header"],
    ),
    (
        "descriptor-enum-drift",
        F.descriptor(lambda r: F.field_of(r, "relations.csv", "kind")["constraints"]["enum"].remove("speedup")),
        ["data/datapackage.json", "field enum", "only relations.RELATION_KINDS has speedup"],
    ),
    (
        "descriptor-file-dropped",
        F.descriptor(lambda r: r["relations.csv"].update(path="relation.csv")),
        ["data/relations.csv", "no resource of datapackage.json describes this file"],
    ),
    (
        "descriptor-hash",
        F.descriptor(lambda r: r["source/report.raw.txt"].update(hash="sha256:" + "0" * 64)),
        ["data/source/report.raw.txt", "sha256 mismatch"],
    ),
    ("descriptor-not-json", F.replace("datapackage.json", "{", "{{"), ["data/datapackage.json", "not valid JSON"]),
    (
        "toc-edited",
        F.set_cell("source/toc.csv", 5, "status", "missing"),
        ["data/source/toc.csv", "row 5", "field status"],
    ),
    (
        "toc-bad-status",
        F.set_cell("source/toc.csv", 5, "status", "gone"),
        ["data/source/toc.csv", "row 5", "field status"],
    ),
    ("toc-duplicate-key", F.duplicate_row("source/toc.csv", 3), ["data/source/toc.csv", "row 4", "field key"]),
    (
        "repairs-bad-occurrences",
        F.set_cell("source/repairs.csv", 4, "occurrences", "one"),
        ["data/source/repairs.csv", "row 4", "field occurrences"],
    ),
    (
        "repairs-duplicate-id",
        F.set_cell("source/repairs.csv", 4, "repair_id", "R02"),
        ["data/source/repairs.csv", "row 4", "field repair_id"],
    ),
    (
        "repairs-unknown-paragraph",
        F.set_cell("source/repairs.csv", 4, "paragraph", "2.2.9"),
        ["data/source/repairs.csv", "row 4", "field paragraph"],
    ),
    (
        "repairs-wrong-reading",
        F.set_cell("source/repairs.csv", 7, "repaired", "庫存週期"),
        ["data/source/repairs.csv", "row 7 (R06)", "field repaired", "round trip fails"],
    ),
    (
        "repairs-conjecture-called-proved",
        F.set_cell("source/repairs.csv", 2, "proof", "proved"),
        ["data/source/repairs.csv", "row 2 (R01)", "field proof"],
    ),
    (
        "repairs-proved-called-conjecture",
        F.set_cell("source/repairs.csv", 3, "proof", "conjecture"),
        ["data/source/repairs.csv", "row 3 (R02)", "field proof"],
    ),
    (
        "repairs-old-r07",
        F.set_cell("source/repairs.csv", 8, "repaired", "。在客服領"),
        ["data/source/repairs.csv", "row 8 (R07)", "field repaired"],
    ),
    (
        "repairs-old-r08",
        F.set_cell("source/repairs.csv", 9, "repaired", "式增長"),
        ["data/source/repairs.csv", "row 9 (R08)", "field repaired"],
    ),
    (
        "repairs-digits-lost-wrong",
        F.set_cell("source/repairs.csv", 10, "digits_lost", "no"),
        ["data/source/repairs.csv", "row 10 (R09)", "field digits_lost"],
    ),
    (
        "repairs-unknown-proof",
        F.set_cell("source/repairs.csv", 3, "proof", "maybe"),
        ["data/source/repairs.csv", "row 3", "field proof"],
    ),
    (
        "repairs-damaged-not-in-capture",
        F.set_cell("source/repairs.csv", 7, "damaged", "?guī)齑嬷苻X"),
        ["data/source/repairs.csv", "R06", "damaged"],
    ),
    # --- the capture and the derived tables
    ("raw-truncated", F.truncate("source/report.raw.txt", 0.5), ["data/source/report.raw.txt", "sha256 mismatch"]),
    ("raw-one-byte", F.flip_byte("source/report.raw.txt", 5000), ["data/source/report.raw.txt", "sha256 mismatch"]),
    ("raw-deleted", F.delete("source/report.raw.txt"), ["data/source/report.raw.txt", "not found"]),
    (
        "paragraphs-simplified-one-char",
        F.set_cell("source/paragraphs.csv", 2, "text_simplified", lambda t: t.replace("9.8亿", "9.9亿")),
        ["data/source/paragraphs.csv", "text_simplified", "regenerate"],
    ),
    (
        "paragraphs-traditional-one-char",
        F.set_cell("source/paragraphs.csv", 2, "text_traditional", lambda t: t.replace("9.8億", "9.9億")),
        ["data/source/paragraphs.csv", "row 2 (1.1.1)", "field text_traditional"],
    ),
    (
        "paragraphs-row-dropped",
        F.replace("source/paragraphs.csv", "\n1.1.2,", "\nX1.1.2,"),
        ["data/source/paragraphs.csv", "field key"],
    ),
    (
        "paragraphs-truncated-flag",
        F.set_cell("source/paragraphs.csv", 2, "truncated", "yes"),
        ["data/source/paragraphs.csv", "row 2 (1.1.1)", "field truncated"],
    ),
    (
        "checksums-edited",
        F.set_cell("source/checksums.csv", 2, "rows_sha256", "0" * 64),
        ["data/source/paragraphs.csv", "checksums"],
    ),
    ("checksums-deleted", F.delete("source/checksums.csv"), ["data/source/checksums.csv", "not found"]),
    # --- official map rows that used to be dropped without a word
    (
        "official-map-trailing-space",
        F.set_cell("reference/claim_official_map.csv", 3, "series_id", "NBS_ONLINE_RETAIL "),
        ["data/reference/claim_official_map.csv", "row 3 (2.1.1-03)", "field series_id"],
    ),
    (
        "official-map-unknown-series",
        F.set_cell("reference/claim_official_map.csv", 3, "series_id", "NBS_ONLINE_RETAIL_X"),
        ["data/reference/claim_official_map.csv", "row 3", "field series_id", "NBS_ONLINE_RETAIL_X"],
    ),
    (
        "official-map-excel-period",
        F.set_cell("reference/claim_official_map.csv", 2, "official_period", "Jun-25"),
        ["data/reference/claim_official_map.csv", "row 2 (1.1.1-02)", "field official_period", "Jun-25"],
    ),
    (
        "official-map-another-year",  # 13.8万亿元 of 2025 held against NBS's 2024: a departure from the wrong year
        F.set_cell("reference/claim_official_map.csv", 3, "official_period", "2024"),
        ["data/reference/claim_official_map.csv", "row 3 (2.1.1-03)", "field official_period", "the claim is of 2025"],
    ),
    (
        "official-map-period-not-in-record",
        F.set_cell("reference/claim_official_map.csv", 3, "official_period", "2019-06"),
        ["data/reference/claim_official_map.csv", "row 3", "field official_period"],
    ),
    (
        "official-map-unknown-claim",
        F.set_cell("reference/claim_official_map.csv", 3, "claim_id", "2.1.1-99"),
        ["data/reference/claim_official_map.csv", "row 3", "field claim_id"],
    ),
    (
        "official-map-duplicate",
        F.duplicate_row("reference/claim_official_map.csv", 3),
        ["data/reference/claim_official_map.csv", "row 4", "duplicate"],
    ),
    # --- ratios of two published rows, and parts held against their whole
    (
        "official-map-ratio-without-period",
        F.set_cell("reference/claim_official_map.csv", 14, "denominator_period", ""),
        ["data/reference/claim_official_map.csv", "row 14 (2.2.3-02)", "field denominator_period"],
    ),
    (
        "official-map-unknown-denominator",
        F.set_cell("reference/claim_official_map.csv", 14, "denominator_series", "VIPSHOP_NET_REVENUE_X"),
        [
            "data/reference/claim_official_map.csv",
            "row 14 (2.2.3-02)",
            "field denominator_series",
            "VIPSHOP_NET_REVENUE_X",
        ],
    ),
    (
        "official-map-denominator-other-unit",
        F.chain(
            F.set_cell("reference/claim_official_map.csv", 14, "denominator_series", "VIPSHOP_ACTIVE_CUSTOMERS"),
            F.set_cell("reference/claim_official_map.csv", 14, "denominator_period", "2025-04/06"),
        ),
        ["data/reference/claim_official_map.csv", "row 14 (2.2.3-02)", "field denominator_series", "different units"],
    ),
    (
        "official-map-unknown-comparison",
        F.set_cell("reference/claim_official_map.csv", 16, "comparison", "below"),
        ["data/reference/claim_official_map.csv", "row 16 (2.3.1-03)", "field comparison", "below"],
    ),
    (
        "outside-check-misses-denominator",
        F.set_cell("outside_checks.csv", 40, "source", "VIPSHOP_GROSS_PROFIT"),
        ["data/outside_checks.csv", "row 40 (2.2.3-02)", "field source", "VIPSHOP_NET_REVENUE"],
    ),
    # --- the report's trajectories and what they are held against
    (
        "trajectory-link-missing",
        F.drop_lines("trajectory_links.csv", "cainiao.cartons_saved.green_packaging_alliance,"),
        ["data/trajectory_links.csv", "cainiao.cartons_saved.green_packaging_alliance", "no reviewed link"],
    ),
    (
        "trajectory-link-not-growth",
        F.set_cell("trajectory_links.csv", 18, "target", "4.1.1-02"),
        ["data/trajectory_links.csv", "row 18 (taobao.daily_usage_time)", "field target", "not a growth statement"],
    ),
    (
        "trajectory-link-growth-of-another-subject",  # China's e-commerce growth held against Taobao's usage time
        F.set_cell("trajectory_links.csv", 18, "target", "2.1.1-02"),
        ["data/trajectory_links.csv", "row 18 (taobao.daily_usage_time)", "field target", "about china"],
    ),
    (
        "trajectory-link-period-not-in-record",
        F.set_cell("trajectory_links.csv", 15, "periods", "2020-12/2025-06"),
        [
            "data/trajectory_links.csv",
            "row 15 (silver_users.online_shoppers)",
            "field periods",
            "CNNIC_SILVER_NETIZENS 2020-12",
        ],
    ),
    (
        "trajectory-link-unknown-kind",
        F.set_cell("trajectory_links.csv", 2, "link", "same event"),
        ["data/trajectory_links.csv", "row 2 (alibaba.fine_amount)", "field link"],
    ),
    (
        "trajectory-link-none-with-target",
        F.set_cell("trajectory_links.csv", 3, "target", "4.1.1-03"),
        ["data/trajectory_links.csv", "row 3", "field target", "names no target"],
    ),
    (
        "trajectory-direction-unknown",
        F.set_cell("trajectory_links.csv", 9, "target", "up"),
        [
            "data/trajectory_links.csv",
            "row 9 (head_merchants.share_of_traffic.natural_traffic)",
            "field target",
            "rise, fall",
        ],
    ),
    (
        "official-quality-mirror",
        F.replace("reference/official_stats.csv", ",mirror,", ",Mirror,"),
        ["data/reference/official_stats.csv", "field source_quality", "'Mirror'"],
    ),
    (
        "official-period-excel",
        F.replace("reference/official_stats.csv", ",2025-06,", ",Jun-25,"),
        ["data/reference/official_stats.csv", "field period", "Jun-25"],
    ),
    (
        "official-value-comma",
        F.replace("reference/official_stats.csv", ",159722,", ',"159,722",'),
        ["data/reference/official_stats.csv", "field value"],
    ),
    (
        "official-unknown-unit",
        F.replace("reference/official_stats.csv", ",159722,CNY_100m,", ",159722,CNY_10k,"),
        ["data/reference/official_stats.csv", "field unit"],
    ),
    (
        "official-only-doubtful",
        F.chain(
            F.replace(
                "reference/official_stats.csv",
                ",159722,CNY_100m,actual,National Bureau of Statistics (国家统计局),mirror,",
                ",159722,CNY_100m,actual,National Bureau of Statistics (国家统计局),doubtful,",
            ),
            F.replace(
                "reference/official_stats.csv",
                ",15.97,CNY_trn,actual,National Bureau of Statistics (国家统计局),news,http://en.people.cn",
                ",15.97,CNY_trn,actual,National Bureau of Statistics (国家统计局),doubtful,http://en.people.cn",
            ),
        ),
        ["data/reference/claim_official_map.csv", "field official_period", "doubtful"],
    ),
    # --- forecasts
    (
        "forecast-map-unknown-series",
        F.set_cell("reference/claim_forecast_map.csv", 2, "series_id", "CNNIC_SHOPPERS"),
        ["data/reference/claim_forecast_map.csv", "row 2", "field series_id"],
    ),
    (
        "forecast-map-other-quantity",  # 2.1.1-01 (yuan) against netizens: the forecast check would vanish
        F.chain(
            F.set_cell("reference/claim_forecast_map.csv", 2, "series_id", "CNNIC_NETIZENS"),
            F.replace("outside_checks.csv", "MOFCOM_EC_TRANSACTIONS", "CNNIC_NETIZENS"),
        ),
        ["data/reference/claim_forecast_map.csv", "row 2 (2.1.1-01)", "field series_id", "the claim is in CNY"],
    ),
    # --- maps mean what they say: each series states its measure (reference/series.csv)
    (
        "forecast-map-same-unit-other-measure",  # transactions (yuan) held against online retail (yuan)
        F.chain(
            F.set_cell("reference/claim_forecast_map.csv", 2, "series_id", "NBS_ONLINE_RETAIL"),
            F.replace("outside_checks.csv", "MOFCOM_EC_TRANSACTIONS", "NBS_ONLINE_RETAIL"),
        ),
        ["data/reference/claim_forecast_map.csv", "row 2 (2.1.1-01)", "field series_id", "another measure"],
    ),
    (
        "official-map-same-unit-other-measure",  # online retail 13.8万亿元 against total retail (yuan too)
        F.chain(
            F.set_cell("reference/claim_official_map.csv", 3, "series_id", "NBS_TOTAL_RETAIL"),
            F.replace("outside_checks.csv", "NBS_ONLINE_RETAIL;", "NBS_TOTAL_RETAIL;"),
        ),
        ["data/reference/claim_official_map.csv", "row 3 (2.1.1-03)", "field series_id", "not the same figure"],
    ),
    (
        "official-map-same-made-part-of-itself",  # 13.8 would "agree" with 15.97万亿元 as a part of it
        F.set_cell("reference/claim_official_map.csv", 3, "comparison", "part_of"),
        ["data/reference/claim_official_map.csv", "row 3 (2.1.1-03)", "field comparison", "not a part or a whole"],
    ),
    (
        "official-map-reading-made-definite",  # 某平台 read as Temu: the reading must stay declared
        F.set_cell("reference/claim_official_map.csv", 23, "definition", ""),
        ["data/reference/claim_official_map.csv", "row 23 (6.3.3-01)", "field series_id", "platforms_generic"],
    ),
    (
        "official-map-part-called-the-same",  # physical-goods online retail held as the report's whole 网络零售额
        F.set_cell("reference/claim_official_map.csv", 4, "definition", ""),
        ["data/reference/claim_official_map.csv", "row 4 (2.1.1-03)", "field series_id", "(physical_goods)"],
    ),
    (
        "official-map-ratio-of-another-entity",  # Vipshop's gross profit over JD's revenue
        F.chain(
            F.set_cell("reference/claim_official_map.csv", 14, "denominator_series", "JD_NET_REVENUE"),
            F.replace(
                "outside_checks.csv",
                "VIPSHOP_GROSS_PROFIT; VIPSHOP_NET_REVENUE",
                "VIPSHOP_GROSS_PROFIT; JD_NET_REVENUE",
            ),
        ),
        ["data/reference/claim_official_map.csv", "row 14 (2.2.3-02)", "field denominator_series", "jd's"],
    ),
    (
        "series-measure-changed",  # the fine series said to count shoppers: its rows are yuan
        F.set_cell("reference/series.csv", 94, "metric", "online_shoppers"),
        ["data/reference/official_stats.csv", "row 229 (SAMR_FINE_ALIBABA)", "field unit", "a people"],
    ),
    (
        "outside-source-other-measure-called-same",  # JD's market share said to be its GMV
        F.set_cell("reference/outside_sources.csv", 21, "metric", "gmv"),
        ["data/reference/outside_sources.csv", "row 21 (2.2.1-03)", "field metric", "jd.gmv"],
    ),
    (
        "outside-source-ratio-of-another-entity",  # a term of Vipshop's margin taken from JD
        F.set_cell("reference/outside_sources.csv", 3, "entity", "jd"),
        ["data/reference/outside_sources.csv", "row 3 (2.2.3-02)", "field entity", "vipshop's"],
    ),
    (
        "outside-source-reading-without-note",  # 某平台 read as Temu with nothing said
        F.set_cell("reference/outside_sources.csv", 32, "note", ""),
        ["data/reference/outside_sources.csv", "row 32 (6.3.3-01)", "field note", "reading"],
    ),
    (
        "outside-source-part-of-itself",
        F.set_cell("reference/outside_sources.csv", 21, "relation", "part_of"),
        ["data/reference/outside_sources.csv", "row 21 (2.2.1-03)", "field relation", "not a part of itself"],
    ),
    (
        "outside-source-unit-of-another-measure",  # a share given in yuan
        F.set_cell("reference/outside_sources.csv", 7, "unit", "CNY_bn"),
        ["data/reference/outside_sources.csv", "row 7 (2.2.3-02)", "field unit", "a share"],
    ),
    (
        "series-row-dropped",  # a series whose measure nobody stated
        F.drop_lines("reference/series.csv", "SAMR_FINE_ALIBABA,"),
        ["data/reference/official_stats.csv", "SAMR_FINE_ALIBABA", "field series_id"],
    ),
    (
        "series-stale-row",  # a measure stated for a series the record does not have
        F.replace("reference/series.csv", "SAMR_FINE_ALIBABA,", "SAMR_FINE_ALIBABA_2,"),
        ["data/reference/series.csv", "SAMR_FINE_ALIBABA_2", "field series_id"],
    ),
    # --- forecasts (continued)
    (
        "forecast-map-duplicate",
        F.duplicate_row("reference/claim_forecast_map.csv", 2),
        ["data/reference/claim_forecast_map.csv", "row 3", "duplicate"],
    ),
    (
        "forecast-map-claim-without-year",
        F.set_cell("reference/claim_forecast_map.csv", 2, "claim_id", "1.1.2-01"),
        [],
    ),  # 1.1.2-01 is dated 2025: accepted; replaced below by a claim without a year
    (
        "forecast-series-unit",
        F.set_cell("reference/forecast_series.csv", 2, "display_unit", "万亿"),
        ["data/reference/forecast_series.csv", "row 2", "field display_unit"],
    ),
    (
        "forecast-series-periods",
        F.set_cell("reference/forecast_series.csv", 2, "periods", "monthly"),
        ["data/reference/forecast_series.csv", "row 2", "field periods"],
    ),
    (
        "forecast-series-unknown",
        F.set_cell("reference/forecast_series.csv", 2, "series_id", "CAITEC_INSTANT"),
        ["data/reference/forecast_series.csv", "row 2", "field series_id"],
    ),
    (
        "forecast-series-duplicate",
        F.duplicate_row("reference/forecast_series.csv", 2),
        ["data/reference/forecast_series.csv", "row 3", "duplicate"],
    ),
    # --- the ledger (duplicates the old check accepted, and the old rules)
    ("units-duplicate", F.duplicate_row("units.csv", 2), ["data/units.csv", "row 3 (%)", "duplicate"]),
    ("non-claims-duplicate", F.duplicate_row("non_claims.csv", 2), ["data/non_claims.csv", "row 3", "duplicate"]),
    ("entities-duplicate", F.duplicate_row("entities.csv", 2), ["data/entities.csv", "row 3", "duplicate"]),
    ("entities-unknown-kind", F.set_cell("entities.csv", 2, "kind", "platfrom"), ["data/entities.csv", "field kind"]),
    (
        "entities-part-of-unknown",
        F.set_cell("entities.csv", 2, "part_of", "alibabа"),
        ["data/entities.csv", "row 2", "field part_of"],
    ),
    (
        "entities-part-of-circle",
        F.set_cell("entities.csv", 3, "part_of", "alibaba_middle_east"),
        ["data/entities.csv", "field part_of", "circle"],
    ),
    (
        "claims-value-disagrees",
        F.replace("claims.csv", ",1,9.8,亿,980000000,", ",1,9.7,亿,970000000,"),
        ["data/claims.csv", "row 2 (1.1.1-01)", "field value"],
    ),
    (
        "claims-unknown-unit",
        F.replace("claims.csv", ",亿,980000000,", ",亿人,980000000,"),
        ["data/claims.csv", "row 2", "field unit"],
    ),
    (
        "claims-duplicate-id",
        F.replace("claims.csv", "1.1.1-02,1.1.1", "1.1.1-01,1.1.1"),
        ["data/claims.csv", "row 3", "field claim_id"],
    ),
    (
        "claims-bad-header",
        F.replace("claims.csv", "gloss_en,note", "gloss,note"),
        ["data/claims.csv", "line 1", "field header"],
    ),
    ("claims-column-dropped", F.drop_column("claims.csv", "note"), ["data/claims.csv", "line 1", "field header"]),
    (
        "non-claims-uncovered",
        F.replace("non_claims.csv", "1.1.1,2025年,1,date,year dating claims\n", ""),
        ["data/non_claims.csv", "field span", "token 2025"],
    ),
    # --- spreadsheet re-saves and hand edits that break the CSV itself
    *[
        (f"gbk-{rel}", F.encode_as(rel, "gbk"), [f"data/{rel}", "field encoding", "save the file as UTF-8"])
        for rel in ("relations.csv", "claims.csv", "reference/claim_official_map.csv")
    ],
    (
        "gb18030-repairs",
        F.encode_as("source/repairs.csv", "gb18030"),
        ["data/source/repairs.csv", "field encoding", "UTF-8"],
    ),
    (
        "gb18030-paragraphs",
        F.encode_as("source/paragraphs.csv", "gb18030"),
        ["data/source/paragraphs.csv", "field encoding", "GB18030", "UTF-8"],
    ),
    ("utf16-units", F.encode_as("units.csv", "utf-16"), ["data/units.csv", "field encoding", "UTF-8"]),
    *[
        (f"semicolons-{rel}", F.delimiter(rel, ";"), [f"data/{rel}", "line 1", "field header", "semicolons"])
        for rel in ("relations.csv", "units.csv", "reference/claim_official_map.csv")
    ],
    ("tabs-units", F.delimiter("units.csv", "\t"), ["data/units.csv", "line 1", "tabs"]),
    (
        "unquoted-comma-relations",
        F.unquoted_comma("relations.csv", 3),
        ["data/relations.csv", "line 3", "field row", "unquoted comma"],
    ),
    (
        "unquoted-comma-forecast-series",
        F.unquoted_comma("reference/forecast_series.csv", 2),
        ["data/reference/forecast_series.csv", "line 2", "field row"],
    ),
    ("open-quote-relations", F.open_quote("relations.csv", 3), ["data/relations.csv", "line", "field row"]),
    ("open-quote-claims", F.open_quote("claims.csv", 5), ["data/claims.csv", "line", "field row"]),
    *[
        (f"truncated-{rel}", F.truncate(rel, 0.6), [f"data/{rel}", "line"])
        for rel in (
            "relations.csv",
            "claims.csv",
            "source/paragraphs.csv",
            "reference/official_stats.csv",
            "source/toc.csv",
        )
    ],
    ("bare-cr", F.replace("units.csv", "\n", "\r", 3), ["data/units.csv", "carriage return"]),
    ("blank-line", F.replace("metrics.csv", "\n", "\n\n", 1), ["data/metrics.csv", "line 2", "blank line"]),
    ("deleted-relations", F.delete("relations.csv"), ["data/relations.csv", "not found"]),
    (
        "deleted-official-stats",
        F.delete("reference/official_stats.csv"),
        ["data/reference/official_stats.csv", "not found"],
    ),
    (
        "unregistered-file",
        F.add_file("measures.csv", "measure\nm\n"),
        ["data/measures.csv", "no resource of datapackage.json describes"],
    ),
]
# --- nothing vanishes: rows lost from a well-formed file (data/manifest.csv, analysis/base/manifest.py)
FAULTS += [
    *[
        (
            f"vanish-{rel}",
            F.keep_header(rel),
            [f"data/{rel}", "field rows", "0 rows", "manifest.csv records", "manifest --write"],
        )
        for rel in (
            "reference/claim_official_map.csv",
            "reference/claim_forecast_map.csv",
            "relations.csv",
            "pair_decisions.csv",
            "trajectory_links.csv",
            "reference/outside_sources.csv",
        )
    ],
    (
        "vanish-one-official-map-row",
        F.drop_lines("reference/claim_official_map.csv", "2.1.1-03,"),
        ["data/reference/claim_official_map.csv", "field rows", "rows lost"],
    ),
    (
        "pair-decision-deleted",
        F.drop_lines("pair_decisions.csv", "2.1.1-02,2.1.2-06,"),
        ["data/pair_decisions.csv", "field decision", "2.1.1-02 and 2.1.2-06", "has no decision"],
    ),
    (
        "pair-decision-replaced",  # the count holds, the pair is gone: only the candidate check sees it
        F.replace("pair_decisions.csv", "2.1.1-02,2.1.2-06,", "2.1.1-02,2.1.2-07,"),
        ["data/pair_decisions.csv", "field decision", "2.1.1-02 and 2.1.2-06", "has no decision"],
    ),
    ("manifest-deleted", F.delete("manifest.csv"), ["data/manifest.csv", "not found"]),
    (
        "manifest-emptied",
        F.keep_header("manifest.csv"),
        ["data/manifest.csv", "relations.csv has no recorded row count"],
    ),
    (
        "manifest-count-edited",
        F.replace("manifest.csv", "relations.csv,9,", "relations.csv,10,"),
        ["data/relations.csv", "field rows", "9 rows", "records 10", "rows lost"],
    ),
    (
        "manifest-unknown-file",
        F.replace("manifest.csv", "relations.csv,", "relation.csv,"),
        ["data/manifest.csv", "(relation.csv)", "field file", "not a curated CSV"],
    ),
]
# --- no traceback: headers a spreadsheet renamed, a second byte-order mark
FAULTS += [
    (
        "header-recased-claims",
        F.replace("claims.csv", "claim_id,", "Claim_ID,"),
        ["data/claims.csv", "line 1", "field header", "'Claim_ID' should read 'claim_id'"],
    ),
    (
        "header-recased-official-map",
        F.replace("reference/claim_official_map.csv", "claim_id,", "Claim_ID,"),
        ["data/reference/claim_official_map.csv", "line 1", "field header", "'Claim_ID' should read 'claim_id'"],
    ),
    (
        "header-padded-relations",
        F.replace("relations.csv", "relation_id,", "relation_id ,"),
        ["data/relations.csv", "line 1", "field header", "'relation_id ' should read 'relation_id'"],
    ),
    *[
        (
            f"second-bom-{rel}",
            F.chain(F.bom(rel), F.bom(rel)),
            [f"data/{rel}", "line 1", "field header", "second byte-order mark"],
        )
        for rel in ("claims.csv", "relations.csv", "reference/official_stats.csv")
    ],
]
# --- spreadsheet numerics: one rule for every numeric cell (analysis/base/numbers.py)
FAULTS += [
    (
        "fullwidth-year-claims",
        F.set_cell("claims.csv", 2, "period", "202５"),
        ["data/claims.csv", "row 2 (1.1.1-01)", "field period", "non-ASCII digits", "2025"],
    ),
    (
        "fullwidth-value-claims",
        F.set_cell("claims.csv", 2, "value", "9.８"),
        ["data/claims.csv", "row 2 (1.1.1-01)", "field value", "non-ASCII digits"],
    ),
    (
        "fullwidth-occurrence-claims",
        F.set_cell("claims.csv", 2, "occurrence", "１"),
        ["data/claims.csv", "row 2 (1.1.1-01)", "field occurrence", "non-ASCII digits"],
    ),
    (
        "fullwidth-official-period",
        F.set_cell("reference/official_stats.csv", 2, "period", "２０１５"),
        ["data/reference/official_stats.csv", "row 2 (NBS_NONPHYS_ONLINE_RETAIL)", "field period", "non-ASCII"],
    ),
    (
        "fullwidth-official-map-period",
        F.set_cell("reference/claim_official_map.csv", 2, "official_period", "2025-0６"),
        ["data/reference/claim_official_map.csv", "row 2 (1.1.1-02)", "field official_period", "non-ASCII"],
    ),
    (
        "thousands-value-base",
        F.set_cell("claims.csv", 2, "value_base", "980,000,000"),
        ["data/claims.csv", "row 2 (1.1.1-01)", "field value_base", "thousands separator", "980000000"],
    ),
    (
        "thousands-official-value",
        F.set_cell("reference/official_stats.csv", 2, "value", "6,349"),
        ["data/reference/official_stats.csv", "row 2", "field value", "thousands separator"],
    ),
    (
        "decimal-comma-official-value",
        F.set_cell("reference/official_stats.csv", 2, "value", "63,49"),
        ["data/reference/official_stats.csv", "row 2", "field value", "decimal comma", "63.49"],
    ),
    (
        "e-notation-official-value",
        F.set_cell("reference/official_stats.csv", 2, "value", "6.349E+03"),
        ["data/reference/official_stats.csv", "row 2", "field value", "E notation"],
    ),
    (
        "trailing-zero-occurrence",
        F.set_cell("claims.csv", 2, "occurrence", "1.0"),
        ["data/claims.csv", "row 2 (1.1.1-01)", "field occurrence", "trailing .0", "type 1"],
    ),
    (
        "trailing-zero-chapter",
        F.set_cell("chapters.csv", 2, "chapter", "1.0"),
        ["data/chapters.csv", "row 2", "field chapter", "trailing .0"],
    ),
    (
        "blanks-around-official-value",
        F.set_cell("reference/official_stats.csv", 2, "value", " 6349"),
        ["data/reference/official_stats.csv", "row 2", "field value", "blanks around the number"],
    ),
    (
        "percent-as-fraction-official",
        F.replace(
            "reference/official_stats.csv",
            "CNNIC_PENETRATION,Internet penetration rate,互联网普及率,2025-06,79.7,",
            "CNNIC_PENETRATION,Internet penetration rate,互联网普及率,2025-06,0.797,",
        ),
        [
            "data/reference/official_stats.csv",
            "(CNNIC_PENETRATION)",
            "field value",
            "the quote prints 79.7: a percentage re-saved as a fraction",
        ],
    ),
    (
        "official-value-typed-wrong",  # 15.97 -> 13.79 though its own quote says 15.97
        F.set_cell("reference/official_stats.csv", 253, "value", "13.79"),
        ["data/reference/official_stats.csv", "row 253 (NBS_ONLINE_RETAIL)", "field value", "not a number its quote"],
    ),
    (
        "official-years-swapped",  # NBS's 2024 and 2025 rows trade values
        F.chain(
            F.set_cell("reference/official_stats.csv", 16, "value", "159722"),
            F.set_cell("reference/official_stats.csv", 17, "value", "155225"),
        ),
        ["data/reference/official_stats.csv", "row 16 (NBS_ONLINE_RETAIL)", "field value", "not a number its quote"],
    ),
    (
        "official-series-unit-changed",  # yuan -> persons: another quantity under the same series id
        F.set_cell("reference/official_stats.csv", 253, "unit", "persons_100m"),
        ["data/reference/official_stats.csv", "row 253 (NBS_ONLINE_RETAIL)", "field unit", "one series, one quantity"],
    ),
    (
        "official-unit-rescaled",  # CNY_trn -> CNY_100m: the same quantity, a value 10^4 too small
        F.set_cell("reference/official_stats.csv", 253, "unit", "CNY_100m"),
        ["data/reference/official_stats.csv", "row 253 (NBS_ONLINE_RETAIL)", "field value", "not a number its quote"],
    ),
    (
        "official-one-period-two-values-unexplained",  # a revision whose note no longer says so
        F.set_cell("reference/official_stats.csv", 385, "retrieved_note", "Copy of a China Daily bilingual item"),
        [
            "data/reference/official_stats.csv",
            "row 385 (GACC_CBEC_TRADE)",
            "field value",
            "disagrees beyond rounding with row 124 (1.69 CNY_trn)",
        ],
    ),
    (
        "official-history-broken",  # a digit too many, typed into the value and its quote alike
        F.chain(
            F.set_cell("reference/official_stats.csv", 83, "value", "4878950"),
            F.set_cell("reference/official_stats.csv", 83, "quote", lambda q: q.replace("48,789.5", "487,895")),
        ),
        [
            "data/reference/official_stats.csv",
            "row 83 (NBS_TOTAL_RETAIL)",
            "field value",
            "an order of magnitude off its series",
        ],
    ),
    (
        "outside-source-value-typed-wrong",
        F.set_cell("reference/outside_sources.csv", 2, "value", "4100"),
        ["data/reference/outside_sources.csv", "row 2 (2.2.3-01)", "field value", "not a number its quote"],
    ),
    (
        "percent-as-fraction-claim",
        F.set_cell("claims.csv", 3, "value", "0.7"),
        ["data/claims.csv", "row 3 (1.1.1-02)", "field value", "a percentage re-saved as a fraction? type 70"],
    ),
]
# --- the text is the truth: a claim's bound and value read again from its own span (analysis/ledger/spans.py)
FAULTS += [
    (
        "bound-without-a-word",  # = -> > on 比例已达25% deletes the report's top contradiction
        F.set_cell("claims.csv", 4, "bound", ">"),
        ["data/claims.csv", "row 4 (1.1.2-01)", "field bound", "no bound word"],
    ),
    (
        "bound-word-dropped",
        F.set_cell("claims.csv", 3, "bound", "="),
        ["data/claims.csv", "row 3 (1.1.1-02)", "field bound", "'超过70%' states >"],
    ),
    (
        "bound-reversed",
        F.set_cell("claims.csv", 3, "bound", "<"),
        ["data/claims.csv", "row 3 (1.1.1-02)", "field bound", "states >"],
    ),
    (
        "bound-about-on-a-stated-value",
        F.set_cell("claims.csv", 2, "bound", "~"),
        ["data/claims.csv", "row 2 (1.1.1-01)", "field bound", "no bound word"],
    ),
    (
        "bound-implicit-note-lost",  # 3公里 is "within 3 km" only because the note says so
        F.set_cell("claims.csv", 44, "note", "part of a service name"),
        ["data/claims.csv", "row 44 (2.2.3-06)", "field bound", "no bound word"],
    ),
    (
        "shared-span-values-swapped",  # 从传统的45天缩短至7天: two claims, one span
        F.chain(
            F.set_cell("claims.csv", 125, "value", "7"),
            F.set_cell("claims.csv", 125, "value_base", "10080"),
            F.set_cell("claims.csv", 126, "value", "45"),
            F.set_cell("claims.csv", 126, "value_base", "64800"),
        ),
        ["data/claims.csv", "row 126 (3.3.1-06)", "field value", "3.3.1-05, 3.3.1-06 share the span", "reading order"],
    ),
    (
        "kind-figure-as-target",  # share -> target demotes the contradiction on 比例已达25%
        F.set_cell("claims.csv", 4, "kind", "target"),
        ["data/claims.csv", "row 4 (1.1.2-01)", "field kind", "no word of a goal or plan"],
    ),
    (
        "kind-share-as-growth",  # 比例已达25% compared as a change
        F.set_cell("claims.csv", 4, "kind", "growth"),
        ["data/claims.csv", "row 4 (1.1.2-01)", "field kind", "no word of a change"],
    ),
    (
        "kind-share-as-level",  # 比例已达25% read as an amount
        F.set_cell("claims.csv", 4, "kind", "level"),
        ["data/claims.csv", "row 4 (1.1.2-01)", "field kind", "is a ratio"],
    ),
    (
        "kind-level-as-share",  # 9.8亿 online shoppers read as a share
        F.set_cell("claims.csv", 2, "kind", "share"),
        ["data/claims.csv", "row 2 (1.1.1-01)", "field kind", "is in persons"],
    ),
    (
        "period-emptied-where-the-clause-states-it",  # 2025年…比例已达25%: without its year, "two values"
        F.chain(F.set_cell("claims.csv", 4, "period", ""), F.set_cell("claims.csv", 4, "period_basis", "none")),
        ["data/claims.csv", "row 4 (1.1.2-01)", "field period", "clause states 2025年"],
    ),
    (
        "gloss-number-disagrees",  # the gloss a reader sees says 970 million; the span says 9.8亿
        F.set_cell("claims.csv", 2, "gloss_en", "China's online shoppers reached 970 million by 2025"),
        ["data/claims.csv", "row 2 (1.1.1-01)", "field gloss_en", "value 9.8 亿"],
    ),
    (
        "gloss-percent-disagrees",
        F.set_cell("claims.csv", 3, "gloss_en", "User penetration of online shopping exceeded 75% by 2025"),
        ["data/claims.csv", "row 3 (1.1.1-02)", "field gloss_en", "gloss and value disagree"],
    ),
    (
        "range-bounds-swapped",
        F.chain(F.set_cell("claims.csv", 116, "bound", "<="), F.set_cell("claims.csv", 117, "bound", ">=")),
        ["data/claims.csv", "row 116 (3.2.2-03)", "field bound", "the first number is '>='"],
    ),
]
# the claim-without-year fault, built from the real ledger: a claim with a value and no period
FAULTS = [f for f in FAULTS if f[0] != "forecast-map-claim-without-year"]
FAULTS.append(
    (
        "forecast-map-claim-without-year",
        F.set_cell("reference/claim_forecast_map.csv", 2, "claim_id", "2.1.1-07"),
        ["data/reference/claim_forecast_map.csv", "row 2 (2.1.1-07)", "field claim_id"],
    )
)

#: content-preserving re-saves: accepted on purpose, results byte-identical
ACCEPTED = [(f"bom-{rel}", F.bom(rel)) for rel in CSV_FILES] + [(f"crlf-{rel}", F.crlf(rel)) for rel in CSV_FILES]
#: files that are nobody's data, left beside it by an operating system, a spreadsheet or the atomic writer
IGNORED_FILES = [
    ".DS_Store",
    "reference/.DS_Store",
    "~$claims.csv",
    ".~lock.claims.csv#",
    "reference/.~lock.official_stats.csv#",
    ".claims.csv.4242.tmp",
    "source/.paragraphs.csv.77.tmp",
]
ACCEPTED += [(f"ignored-{rel}", F.add_file(rel, "claim_id\nhalf-written\n")) for rel in IGNORED_FILES]


@pytest.fixture(scope="module")
def pristine(tmp_path_factory):
    return F.copy_data(tmp_path_factory.mktemp("pristine"))


@pytest.fixture
def fresh(pristine, tmp_path):
    import shutil

    dest = tmp_path / "data"
    shutil.copytree(pristine, dest)
    return dest


def _check_in_process(data_dir, monkeypatch, capsys):
    """``check`` in this process: every data path is resolved when it is read (``paths.data_dir``)."""
    monkeypatch.setenv("ANALYSIS_DATA_DIR", str(data_dir))
    code = cli.main(["check"])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_the_claim_used_for_a_year_fault_has_no_year():
    from analysis.base import csvio

    claim = {r["claim_id"]: r for r in csvio.read_dicts(paths.CLAIMS)}["2.1.1-07"]
    assert claim["value"] and claim["period"] == ""


@pytest.mark.parametrize("name, mutate, expected", FAULTS, ids=[f[0] for f in FAULTS])
def test_fault_is_rejected_cleanly(name, mutate, expected, fresh, monkeypatch, capsys):
    mutate(fresh)
    before = F.hashes(fresh)
    code, out, err = _check_in_process(fresh, monkeypatch, capsys)
    assert code != 0, (name, out)
    assert "Traceback" not in out + err
    lines = [line for line in err.splitlines() if line.startswith("error: ")]
    assert any(all(part in line for part in expected) for line in lines), (expected, err[-3000:])
    assert F.hashes(fresh) == before, "check changed a file"


@pytest.mark.parametrize("name, mutate", ACCEPTED, ids=[a[0] for a in ACCEPTED])
def test_content_preserving_resave_is_accepted(name, mutate, fresh):
    mutate(fresh)
    assert [str(p) for p in gate.run(fresh).problems] == []


# --- every command, not just check -------------------------------------------------------------------
COMMANDS = [
    ["check"],
    ["findings", "--format", "json"],
    ["forecasts", "--format", "json"],
    ["ledger", "fill-base", "--write"],
]
SOURCE_COMMANDS = [["source", "show", "2.1.1"], ["source", "stats"], ["source", "regenerate", "--force"]]
#: one fault of each class, run through every command in a forked child (the child's paths all point at the copy)
SAMPLE = [
    "relations-unknown-claim",
    "relations-duplicate-id",
    "official-map-trailing-space",
    "official-quality-mirror",
    "forecast-series-unit",
    "gbk-relations.csv",
    "semicolons-relations.csv",
    "truncated-claims.csv",
    "units-duplicate",
    "descriptor-undocumented",
    "unregistered-file",
    "header-recased-claims",
    "second-bom-claims.csv",
    "vanish-relations.csv",
    "pair-decision-deleted",
    "fullwidth-year-claims",
    "percent-as-fraction-official",
    "bound-without-a-word",
    "shared-span-values-swapped",
    "official-map-same-unit-other-measure",
    "forecast-map-same-unit-other-measure",
    "outside-source-other-measure-called-same",
    "kind-share-as-growth",
    "relations-sum-of-another-measure",
]
SOURCE_SAMPLE = [
    "raw-truncated",
    "raw-deleted",
    "repairs-wrong-reading",
    "repairs-conjecture-called-proved",
    "gb18030-repairs",
    "truncated-source/toc.csv",
    "paragraphs-simplified-one-char",
]
_BY_NAME = {f[0]: f for f in FAULTS}


def _assert_clean_rejection(code, out, err, expected, argv):
    assert code not in (0, 99), (argv, code, err[-2000:])
    assert "Traceback" not in out + err, (argv, err[-3000:])
    assert any(all(part in line for part in expected[:1]) for line in err.splitlines() if line.startswith("error: ")), (
        err
    )


@pytest.mark.parametrize("name", SAMPLE)
def test_every_command_rejects_bad_data_cleanly(name, fresh):
    _, mutate, expected = _BY_NAME[name]
    mutate(fresh)
    before = F.hashes(fresh)
    published = fresh.parent / "published"  # export writes nothing from bad data, not even its folder
    commands = [*COMMANDS, ["export", str(published)]]
    for argv, (code, out, err) in zip(commands, F.run_forked_many(commands, fresh)):
        _assert_clean_rejection(code, out, err, expected, argv)
        if argv[0] != "check":
            assert out == "", (argv, out[:500])  # nothing computed from bad data
    assert F.hashes(fresh) == before, "a command changed a file"
    assert not published.exists()


@pytest.mark.parametrize("name", SOURCE_SAMPLE)
def test_every_source_command_rejects_bad_source_data_cleanly(name, fresh):
    _, mutate, expected = _BY_NAME[name]
    mutate(fresh)
    before = F.hashes(fresh)
    commands = SOURCE_COMMANDS if not name.startswith("paragraphs") else SOURCE_COMMANDS[:2]
    for argv, (code, out, err) in zip(commands, F.run_forked_many(commands, fresh)):
        _assert_clean_rejection(code, out, err, expected, argv)
    assert F.hashes(fresh) == before, "a command changed a file"


def test_value_base_with_a_thousands_separator_stops_every_reader_cleanly(fresh):
    """It used to crash every command; ``fill-base --write`` may rewrite it (that is its job, and it says so)."""
    F.set_cell("claims.csv", 2, "value_base", "980,000,000")(fresh)
    before = F.hashes(fresh)
    expected = ["data/claims.csv", "row 2 (1.1.1-01)", "field value_base"]
    for argv, (code, out, err) in zip(COMMANDS[:3], F.run_forked_many(COMMANDS[:3], fresh)):
        _assert_clean_rejection(code, out, err, expected, argv)
    assert F.hashes(fresh) == before


def test_fill_base_refuses_a_value_that_disagrees_with_its_span(fresh):
    F.replace("claims.csv", ",1,9.8,亿,980000000,", ",1,9.7,亿,980000000,")(fresh)
    before = F.hashes(fresh)
    code, out, err = F.run_forked(["ledger", "fill-base", "--write"], fresh)
    assert code == 2 and "Traceback" not in err
    assert "data/claims.csv, row 2 (1.1.1-01), field value" in err and "nothing was written" in err
    assert F.hashes(fresh) == before


def test_fill_base_writes_what_it_may_fix_and_says_so(fresh):
    F.replace("claims.csv", ",1,9.8,亿,980000000,", ",1,9.8,亿,,")(fresh)
    code, out, err = F.run_forked(["ledger", "fill-base", "--write"], fresh)
    assert code == 0, err
    assert "1.1.1-01: value_base (empty) -> 980000000" in out and "wrote 1 value_base/base_unit cells" in out
    assert (fresh / "claims.csv").read_bytes() == (paths.DATA / "claims.csv").read_bytes()
    assert not list(fresh.glob(".*.tmp"))


def test_regenerate_force_writes_only_from_valid_inputs_and_says_what(fresh):
    F.set_cell("source/paragraphs.csv", 2, "text_simplified", lambda t: t.replace("9.8亿", "9.9亿"))(fresh)
    code, out, err = F.run_forked(["source", "regenerate", "--force"], fresh)
    assert code == 0, err
    assert "paragraphs.csv" in out and "checksums.csv" not in out  # content back to what was recorded
    assert (fresh / "source/paragraphs.csv").read_bytes() == (paths.DATA / "source/paragraphs.csv").read_bytes()
    assert gate.run(fresh).problems == []


# --- re-saves give the same results, byte for byte ---------------------------------------------------------
@pytest.fixture(scope="module")
def baseline_findings(pristine):
    code, out, err = F.run_forked(["findings", "--format", "json"], pristine)
    assert code == 0, err
    return out


@pytest.mark.parametrize("resave", ["bom", "crlf"])
def test_resaved_data_gives_byte_identical_findings(resave, baseline_findings, fresh):
    for rel in CSV_FILES:
        getattr(F, resave)(rel)(fresh)
    code, out, err = F.run_forked(["findings", "--format", "json"], fresh)
    assert code == 0, err
    assert out == baseline_findings
    assert json.loads(out)


# --- cell-level corruptions, generated -----------------------------------------------------------------------
#: (file, column) whose every value is checked against a pattern, a vocabulary or another file: any change
#: that adds a character such values never contain must be rejected, naming file and field
STRICT_CELLS = [
    ("relations.csv", "relation_id"),
    ("relations.csv", "kind"),
    ("relations.csv", "inputs"),
    ("reference/claim_official_map.csv", "series_id"),
    ("reference/claim_official_map.csv", "official_period"),
    ("reference/claim_official_map.csv", "claim_id"),
    ("reference/claim_forecast_map.csv", "series_id"),
    ("reference/forecast_series.csv", "display_unit"),
    ("reference/forecast_series.csv", "periods"),
    ("reference/official_stats.csv", "source_quality"),
    ("reference/official_stats.csv", "period"),
    ("reference/official_stats.csv", "unit"),
    ("source/repairs.csv", "proof"),
    ("source/repairs.csv", "paragraph"),
    ("source/toc.csv", "status"),
    ("source/checksums.csv", "file"),
]
GENERATED = 30
#: characters no checked value contains (a digit or a "-" can make another valid value: content, not a fault)
JUNK = st.sampled_from([" ", "\u3000", "x", ";", "\t", "?", "é", "/", "\u00a0"])


@settings(max_examples=GENERATED, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cell=st.sampled_from(STRICT_CELLS), junk=JUNK, row=st.integers(min_value=2, max_value=200), at_end=st.booleans())
def test_generated_cell_corruption_is_rejected_naming_file_and_field(
    pristine, tmp_path_factory, cell, junk, row, at_end
):
    import shutil

    rel, column = cell
    data = tmp_path_factory.mktemp("hyp") / "data"
    shutil.copytree(pristine, data)
    row = 2 + (row - 2) % len(F.read_dicts(data / rel))
    F.set_cell(rel, row, column, (lambda v: v + junk) if at_end else (lambda v: junk + v))(data)
    before = F.hashes(data)
    problems = gate.run(data).problems  # never raises
    assert problems, (rel, column, junk)
    assert any(p.file == f"data/{rel}" for p in problems), [str(p) for p in problems]
    assert F.hashes(data) == before


@settings(max_examples=15, deadline=None)
@given(text=st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\x00"), max_size=30))
def test_free_text_cells_never_break_the_reader(pristine, tmp_path_factory, text):
    """A note may hold anything (commas, quotes, newlines): properly quoted, it reads back unchanged."""
    import shutil

    from analysis.base import csvio

    data = tmp_path_factory.mktemp("note") / "data"
    shutil.copytree(pristine, data)
    F.set_cell("relations.csv", 3, "note", text or "x")(data)
    rows = csvio.read_dicts(data / "relations.csv")
    assert rows[1]["note"] == (text or "x")
    problems = gate.run(data).problems
    if (text or "x").strip():
        assert [str(p) for p in problems] == []
    else:  # a note of blanks is an empty note
        assert [(p.file, p.row, p.field) for p in problems] == [("data/relations.csv", 3, "note")]


# --- end to end: real processes, and the book's notebooks --------------------------------------------------
def _subprocess(argv, data_dir, code=None):
    env = {**__import__("os").environ, "ANALYSIS_DATA_DIR": str(data_dir)}
    cmd = [sys.executable, "-c", code] if code else [sys.executable, "-m", "analysis", *argv]
    return subprocess.run(cmd, cwd=paths.ROOT, env=env, capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize(
    "name, argv",
    [
        ("official-map-excel-period", ["findings", "--format", "json"]),
        ("gbk-relations.csv", ["check"]),
        ("raw-one-byte", ["source", "show", "2.1.1"]),
    ],
)
def test_end_to_end_subprocess(name, argv, fresh):
    _, mutate, expected = _BY_NAME[name]
    mutate(fresh)
    run = _subprocess(argv, fresh)
    assert run.returncode not in (0, 1 if argv[0] != "check" else 0) and "Traceback" not in run.stderr, run.stderr
    assert expected[0] in run.stderr


@pytest.mark.slow  # runs a notebook cell in IPython
def test_a_notebook_shows_bad_data_as_a_message_not_a_traceback(fresh):
    F.set_cell("reference/claim_official_map.csv", 3, "series_id", "NBS_ONLINE_RETAIL ")(fresh)
    code = (
        "from IPython.core.interactiveshell import InteractiveShell\n"
        "shell = InteractiveShell.instance()\n"
        "result = shell.run_cell('from analysis.render import chapter_page\\nchapter_page.summary(4)')\n"
        "print('FAILED' if result.error_in_exec is not None else 'RAN')\n"
    )
    run = _subprocess([], fresh, code)
    out = run.stdout + run.stderr
    assert "FAILED" in out, out[-2000:]
    assert "error: data/reference/claim_official_map.csv, row 3 (2.1.1-03), field series_id" in out, out[-2000:]
    assert "Traceback" not in out, out[-2000:]


def test_fault_counts(capsys):
    """The tally quoted in the closing note (printed with pytest -s)."""
    total = len(FAULTS) + len(ACCEPTED)
    with capsys.disabled():
        print(
            f"\nfault injection: {total} faults tried, {len(FAULTS)} rejected cleanly, "
            f"{len(ACCEPTED)} accepted on purpose (BOM and CRLF re-saves of {len(CSV_FILES)} CSV files, "
            f"{len(IGNORED_FILES)} hidden, lock or temporary files), "
            f"plus {GENERATED} generated cell corruptions per run"
        )
    assert len(FAULTS) >= 80 and len({f[0] for f in FAULTS}) == len(FAULTS)


# --- the manifest is accepted only explicitly, and never over other problems ------------------------------
def test_manifest_write_accepts_a_meant_change_and_nothing_else(fresh):
    F.drop_lines("reference/searches.csv", "MOFCOM 中国电子商务报告 2023-2025")(fresh)  # searches dropped on purpose
    assert any(p.field == "rows" for p in gate.run(fresh).problems)
    (code, out, _), (wcode, wout, _) = F.run_forked_many([["manifest"], ["manifest", "--write"]], fresh)
    assert code == 1 and "data/reference/searches.csv: 68 -> " in out
    assert wcode == 0 and "wrote data/manifest.csv" in wout
    assert [str(p) for p in gate.run(fresh).problems] == []


def test_manifest_write_refuses_while_a_pair_is_undecided(fresh):
    F.drop_lines("pair_decisions.csv", "2.1.1-02,2.1.2-06,")(fresh)
    before = F.hashes(fresh)
    code, out, err = F.run_forked(["manifest", "--write"], fresh)
    assert code == 2 and "2.1.1-02 and 2.1.2-06" in err and "nothing was written" in err
    assert F.hashes(fresh) == before


# --- no traceback: unknown files, hidden files, data outside the checkout, concurrent atomic writes ------------
def test_an_unknown_file_is_named_and_the_rest_still_checked(fresh):
    F.chain(F.add_file("notes.txt", "to do\n"), F.set_cell("relations.csv", 9, "kind", "ratio"))(fresh)
    problems = [str(p) for p in gate.run(fresh).problems]
    assert any("data/notes.txt" in p and "no resource" in p for p in problems), problems
    assert any("data/relations.csv, row 9" in p and "field kind" in p for p in problems), problems


def test_data_outside_the_checkout_works_with_the_memo(fresh, baseline_findings, tmp_path):
    import os

    env = {**os.environ, "ANALYSIS_DATA_DIR": str(fresh), "ANALYSIS_MEMO_DIR": str(tmp_path / "memo")}
    assert not str(fresh).startswith(str(paths.ROOT))
    for _ in range(2):  # computed and stored, then read from the memo
        for argv in (["findings", "--format", "json"], ["forecasts", "--format", "csv"]):
            run = subprocess.run(
                [sys.executable, "-m", "analysis", *argv], cwd=tmp_path, env=env, capture_output=True, text=True
            )
            assert run.returncode == 0 and "Traceback" not in run.stderr, run.stderr[-2000:]
            if argv[0] == "findings":
                assert run.stdout == baseline_findings
    assert list((tmp_path / "memo").iterdir()), "nothing was memoised"


def test_check_while_a_file_is_rewritten_atomically_never_rejects_valid_data(fresh):
    import threading

    from analysis.base.atomic import write_atomic

    stop = threading.Event()
    texts = {rel: (fresh / rel).read_text(encoding="utf-8") for rel in ("claims.csv", "reference/official_stats.csv")}

    def rewrite():
        while not stop.is_set():
            for rel, text in texts.items():
                write_atomic(fresh / rel, text)

    writer = threading.Thread(target=rewrite)
    writer.start()
    try:
        for _ in range(4):
            assert [str(p) for p in gate.run(fresh).problems] == []
            gate._fingerprint(fresh)  # the cache key of every command, listed while files come and go
    finally:
        stop.set()
        writer.join()


# --- numbers: one form, ASCII digits ---------------------------------------------------------------------------
def test_value_base_in_e_notation_reads_alike(fresh, baseline_findings):
    """``fill-base`` writes long numbers as 1.5e+12; a value_base so written has one reading: same findings."""
    F.set_cell("claims.csv", 2, "value_base", "9.8E+08")(fresh)
    assert [str(p) for p in gate.run(fresh).problems] == []
    code, out, err = F.run_forked(["findings", "--format", "json"], fresh)
    assert code == 0 and out == baseline_findings, err


def test_no_unicode_digit_class_where_ids_or_years_are_compared():
    """``\\d`` matches ２ and ٥: the code writes [0-9], and the descriptor's patterns are compiled ASCII-only."""
    import re

    offenders = []
    for path in sorted((paths.ROOT / "analysis").rglob("*.py")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            code = line.split("#", 1)[0]
            if re.search(r"re\.(compile|match|fullmatch|search|sub|findall|finditer)\(|= r\"", code) and "\\d" in code:
                offenders.append(f"{path.relative_to(paths.ROOT)}:{n}")
            if ".isdigit()" in code and "isascii" not in code:
                offenders.append(f"{path.relative_to(paths.ROOT)}:{n} (isdigit accepts full-width digits)")
    assert offenders == []


def test_candidate_pairs_are_generated_only_when_their_inputs_changed(fresh, monkeypatch):
    """``check`` stays fast: with claims, decisions and repairs as the manifest accepted them, no new proposal."""
    from analysis.facts import candidates

    calls = []
    real = candidates.propose
    monkeypatch.setattr(candidates, "propose", lambda *a, **k: calls.append(1) or real(*a, **k))
    assert [str(p) for p in gate.run(fresh).problems] == [] and calls == []
    F.set_cell("claims.csv", 2, "gloss_en", "China's online shoppers numbered 980 million")(fresh)
    assert [str(p) for p in gate.run(fresh).problems] == [] and calls == [1]


@pytest.mark.parametrize(
    "value, unit, quote, expected",
    [
        ("15.97", "CNY_trn", "全国网上零售额15.97万亿元", True),
        ("159722", "CNY_100m", "全国网上零售额15.97万亿元", True),  # the quote rounds; the row is exact
        ("13.79", "CNY_trn", "全国网上零售额15.97万亿元", False),
        ("38773", "CNY_100m", "ネット通販の売上総額は3兆8773億元だった", True),
        ("7", "CNY_trn", "reached seven trillion yuan", True),
        ("6.2", "pct", "subiram 6,2% ano a ano", True),
        ("-3.9", "pct", "比上年下降3.9%", True),
        ("1309085", "CNY_m", "1,084,662        1,158,819        1,309,085", True),
        ("24.5", "CNY_bn", "Gross profit was RMB24.5 billion", True),
        ("1.88", "CNY_trn", "mit einem Gesamtvolumen von 1,88 Billionen Yuan", True),
        ("1.32", "CNY_trn", "跨境電商進(jìn)出口約1.32萬(wàn)億元", True),
        ("15.97", "CNY_100m", "to 15.97 trillion yuan last year", False),  # the word says trillions
        ("217146", "CNY_m", "JD Logistics  166,625  182,837  217,146", True),  # a table in the row's unit
        ("0.797", "pct", "互联网普及率达79.7%", False),
        ("38;20;15 (Alibaba;JD;PDD)", "pct", "阿里巴巴(38%)", True),  # words: left to the reviewer
    ],
)
def test_an_outside_value_is_read_from_its_quote(value, unit, quote, expected):
    from analysis.outside import quotes

    assert quotes.readable(value, unit, quote) is expected


def test_a_release_keeps_the_manifest_in_step(fresh):
    """``release`` appends to the release log and accepts its new count: the data stays valid."""
    before = len(F.read_dicts(fresh / "releases/findings.csv"))
    code, out, err = F.run_forked(["release", "v9.9", "--date", "2026-12-04"], fresh)
    assert code == 0, err[-2000:]
    assert len(F.read_dicts(fresh / "releases/findings.csv")) > before
    assert [str(p) for p in gate.run(fresh).problems] == []
