"""Repaired runs located in the cleaned text, and marked in the annotated chapters."""

from analysis import ledger, source
from analysis.render import annotate
from analysis.source.repair_spans import _find, repair_spans


def test_every_repair_is_located_in_its_paragraph_and_reads_as_repaired():
    texts = ledger.paragraph_texts()
    spans = repair_spans(texts)
    repairs = source.load_repairs()
    located = {rep.repair_id: (key, s, e) for key, found in spans.items() for s, e, rep in found}
    assert set(located) == {r.repair_id for r in repairs}
    for r in repairs:
        key, s, e = located[r.repair_id]
        assert key == r.paragraph and texts[key][s:e] == source.to_simplified(r.repaired)


def test_markers_are_found_and_removed():
    reps = source.load_repairs()[:2]
    text, spans = _find("ab\ue000\ue100XY\ue001c\ue000\ue101Z\ue001", reps)
    assert text == "abXYcZ" and [(s, e, r.repair_id) for s, e, r in spans] == [
        (2, 4, reps[0].repair_id),
        (5, 6, reps[1].repair_id),
    ]


def test_a_repaired_run_outside_a_claim_is_marked_with_its_note():
    rep = source.load_repairs()[0]
    html = annotate.paragraph_html("9.9.9", "一二三四五", [], {}, {}, None, [(1, 3, rep)])
    assert f'class="repaired repair-{rep.proof}"' in html and ">二三</span>" in html and "capture reads" in html
