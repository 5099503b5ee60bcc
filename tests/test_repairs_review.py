"""A repair is never laundered: a conjecture's changed reading is refused until its note reviews it, a changed
repair is reported on repairs.csv with its proof status, and `source regenerate --force` refuses meanwhile."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import faults as F  # noqa: E402


def _edit(data: Path, old: str, new: str) -> None:
    path = data / "source" / "repairs.csv"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_conjectures_reading_changed_without_its_note_is_refused_and_not_regenerated(tmp_path):
    data = F.copy_data(tmp_path)
    _edit(data, "R01,2.1.1,?jī)?yōu),優,", "R01,2.1.1,?jī)?yōu),劣,")
    code, out, err = F.run_forked(["check"], data)
    assert code != 0 and "Traceback" not in out + err
    lines = [line for line in (out + err).splitlines() if "repairs.csv" in line and "R01" in line]
    assert any("not the one its note reviews" in line for line in lines), out + err
    assert any("changed since `source regenerate` last ran" in line and "conjecture" in line for line in lines), lines
    before = (data / "source" / "paragraphs.csv").read_bytes()
    code, _, err = F.run_forked(["source", "regenerate", "--force"], data)
    assert code != 0 and "R01" in err
    assert (data / "source" / "paragraphs.csv").read_bytes() == before


def test_a_reviewed_change_of_reading_and_note_regenerates(tmp_path):
    data = F.copy_data(tmp_path)
    _edit(data, "R01,2.1.1,?jī)?yōu),優,", "R01,2.1.1,?jī)?yōu),劣,")
    _edit(data, "存量優化 (the counterpart", "存量劣化 (the counterpart")
    code, _, err = F.run_forked(["source", "regenerate", "--force"], data)
    assert code == 0, err
    assert "存量劣化" in (data / "source" / "paragraphs.csv").read_text(encoding="utf-8")
