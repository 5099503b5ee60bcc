"""Front-matter and appendix tables: the data dictionary is complete, the dashboard adds up."""

from analysis.render import chapter_page, overview


def test_every_column_of_every_data_file_is_documented():
    assert overview.undocumented_columns() == []


def test_dashboard_counts_add_up():
    h = overview.headline()
    assert h["checked"] + h["not_checkable"] == h["claims"]
    assert (
        h["consistent"] + h["edge_of_rounding"] + h["changed_over_time"] + h["two_values"] + h["contradicted"]
    ) == h["checked"]
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


def test_the_restated_strip_chart_is_the_same_figure_on_every_build():
    # seaborn jitters the dots with numpy's global generator; the figure must not depend on it
    import matplotlib
    import numpy as np

    matplotlib.use("Agg")
    from analysis.render import figures as plots

    pairs = chapter_page.restated_pairs(8)

    def pixels(seed):
        np.random.seed(seed)
        fig = plots.restated_pairs(pairs, 8)
        fig.canvas.draw()
        out = np.asarray(fig.canvas.buffer_rgba()).copy()
        matplotlib.pyplot.close(fig)
        return out

    state = np.random.get_state()
    assert (pixels(1) == pixels(2)).all()
    np.random.set_state(state)


def test_the_reference_appendix_says_what_each_mapped_series_measures_and_how_it_is_used():
    """Every map row, each comparison (a whole against its part too) and each declared reading in words."""
    use = overview.reference_use()
    assert use["used_for"].str.len().gt(0).all() and use["series_measures"].str.len().gt(0).all()
    row = use[(use["claim_id"] == "4.3.3-01")].iloc[0]  # contains, on one reading
    assert "a whole against its part" in row["used_for"] and "leave it open" in row["used_for"]
    assert (
        use[use["series_id"] == "NBS_PHYS_ONLINE_SHARE"]["series_measures"]
        .iloc[0]
        .endswith("(physical_goods_online_retail)")
    )
