"""Front-matter and appendix tables: the data dictionary is complete, the dashboard adds up."""
from analysis import chapters, overview


def test_every_column_of_every_data_file_is_documented():
    assert overview.undocumented_columns() == []


def test_dashboard_counts_add_up():
    h = overview.headline()
    assert h["checked"] + h["not_checkable"] == h["claims"]
    assert (h["consistent"] + h["edge_of_rounding"] + h["changed_over_time"] + h["two_values"]
            + h["contradicted"]) == h["checked"]
    assert h["high"] + h["medium"] + h["low"] + h["info"] == h["findings"]
    by_chapter = overview.trust_by_chapter()
    assert by_chapter["claims"].sum() == h["claims"]


def test_every_relation_has_a_verdict():
    table = overview.relations_table()
    assert set(table["verdict"]) <= {"consistent", "edge", "inconsistent", "two_values", "computed"}
    assert (table["verdict"] != "").all()


def test_serious_findings_are_high_or_medium():
    assert set(overview.serious_findings()["severity"]) <= {"high", "medium"}
    assert len(overview.serious_findings()) == overview.headline()["high"] + overview.headline()["medium"]
