"""The changelog (releases compared), the report's identity read from the capture, and the citation."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from analysis import register
from analysis.base import paths
from analysis.base.errors import DataError
from analysis.render import changelog, citation
from analysis.source import identity

sys.path.insert(0, str(Path(__file__).parent))
import faults as F  # noqa: E402


def row(verdict="two_values", severity="medium", certainty="strong"):
    return {"check": "restatement", "verdict": verdict, "severity": severity, "certainty": certainty}


def test_diff_names_new_gone_and_changed_findings():
    before = {"a": row(), "b": row(), "c": row(certainty="")}
    after = {"a": row("changed", "low", "moderate"), "c": row(certainty="weak"), "d": row()}
    d = changelog.diff(before, after)
    assert d["new"] == ["d"] and d["gone"] == ["b"]
    # a certainty first recorded is no change (releases before certainty leave it empty)
    assert d["changed"] == [
        ("a", "verdict", "two_values", "changed"),
        ("a", "severity", "medium", "low"),
        ("a", "certainty", "strong", "moderate"),
    ]


def test_the_page_compares_this_build_with_the_last_release_in_words():
    text = changelog.page()
    last = changelog.load()[-1]["release"]  # releases are appended: the last row is the latest
    assert f"This build against {last}" in text
    assert "two values → changed over time" in text  # Dewu's 45 %: a period inferred through a restatement


def test_a_release_is_appended_and_its_name_never_reused(tmp_path, monkeypatch):
    data_dir = F.copy_data(tmp_path)
    monkeypatch.setattr(paths, "RELEASES", data_dir / "releases" / "findings.csv")
    before = (data_dir / "releases" / "findings.csv").read_text(encoding="utf-8")
    found = register.build(include_consistent=True)[:5]
    assert changelog.add_release("v9.9", "2026-12-03", found) == len(changelog.snapshot(found))
    after = (data_dir / "releases" / "findings.csv").read_text(encoding="utf-8")
    assert after.startswith(before) and "v9.9,2026-12-03," in after
    with pytest.raises(DataError, match="already recorded"):
        changelog.add_release("v9.9", "2026-12-03", found)
    assert (data_dir / "releases" / "findings.csv").read_text(encoding="utf-8") == after


def test_the_report_is_identified_from_the_capture_and_unknowns_stay_unknown():
    r = identity.report_identity()
    assert r.site == "人人文库网" and r.pages == 33 and len(r.sha256) == 64
    bare = identity.report_identity(raw="no boilerplate here")
    assert bare.site == "" and bare.pages is None
    line = citation.report_line()
    assert "人人文库网" in line and "unknown" in line and r.sha256 in line


def test_the_citation_names_version_and_date_or_says_unknown(monkeypatch):
    v, date = citation.version()
    assert v and date
    monkeypatch.setattr(citation, "_git", lambda *a: citation.UNKNOWN)
    citation.version.cache_clear()
    try:
        assert "version unknown (unknown)" in citation.cite_line()
    finally:
        citation.version.cache_clear()


def test_the_error_route_has_its_issue_template():
    template = paths.ROOT / ".github" / "ISSUE_TEMPLATE" / "report-an-error.md"
    assert template.is_file() and "name: Report an error" in template.read_text(encoding="utf-8")
