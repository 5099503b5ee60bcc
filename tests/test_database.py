"""The published database (audit.db): its tables and keys, Chinese full-text search and its recall, Datasette
serving it read-only, and an export that writes everything or nothing."""

from __future__ import annotations

import json
import os
import random
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
import faults as F  # noqa: E402

from analysis import gate  # noqa: E402
from analysis import register as findings  # noqa: E402
from analysis.base import csvio, paths, schema  # noqa: E402
from analysis.base.errors import OutputError  # noqa: E402
from analysis.render import appendix, database, export, fulltext  # noqa: E402
from analysis.words import AXIS_HEADINGS, OUTSIDE_AXIS_WORDS, QUERY_WORDS  # noqa: E402

DATASETTE = Path(sys.executable).parent / "datasette"


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("export")
    data = gate.require_valid().ledger
    export.write(out, data, base_url="https://example.org/audit/", date="2026-12-03")
    return out


@pytest.fixture(scope="module")
def db(exported):
    conn = sqlite3.connect(f"file:{exported / 'audit.db'}?mode=ro", uri=True)
    yield conn
    conn.close()


def _rows(rel: str) -> int:
    return len(csvio.read_dicts(paths.DATA / rel, schema.columns(rel)))


def test_every_table_holds_every_row_of_its_source(db):
    counts = {name: db.execute(f"SELECT count(*) FROM [{name}]").fetchone()[0] for name in database.COPIED}
    assert counts == {name: _rows(rel) for name, rel in database.COPIED.items()}
    assert db.execute("SELECT count(*) FROM claims").fetchone()[0] == _rows("claims.csv")
    data = gate.require_valid().ledger
    everything = findings.build(data, include_consistent=True)
    assert db.execute("SELECT count(*) FROM findings").fetchone()[0] == len(everything)
    links = db.execute("SELECT count(*) FROM finding_claims").fetchone()[0]
    assert links == sum(len(f.claims) for f in everything)


def test_keys_hold_and_are_declared(db):
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    fks = {(r[3], r[2]) for r in db.execute("PRAGMA foreign_key_list(claims)")}
    assert {("paragraph", "paragraphs"), ("fact_id", "facts"), ("entity", "entities")} <= fks
    pk = [r[1] for r in db.execute("PRAGMA table_info(finding_claims)") if r[5]]
    assert pk == ["finding_id", "claim_id"]
    # a claim's column in the schema's type: values sort as numbers in Datasette
    assert db.execute("SELECT typeof(value) FROM claims WHERE claim_id = '1.1.1-01'").fetchone()[0] == "real"


def test_both_status_axes_are_the_books_own(db):
    """The database's two status columns are the ledger table's, claim for claim (one source for both)."""
    book = appendix.ledger_table()
    ids = book.iloc[:, 0].tolist()
    rows = dict(db.execute("SELECT claim_id, report_says || ' | ' || outside_record FROM claims"))
    shown = [f"{s} | {o}" for s, o in zip(book[AXIS_HEADINGS["self"]], book[AXIS_HEADINGS["outside"]])]
    assert [rows[c] for c in ids] == shown
    assert {r[0] for r in db.execute("SELECT DISTINCT outside_record FROM claims")} <= set(OUTSIDE_AXIS_WORDS.values())


def _fts(db, table: str, term: str) -> set[str]:
    from datasette.utils import escape_fts  # what Datasette's search box does with a reader's words

    key = {"paragraphs": "key", "claims": "claim_id", "findings": "finding_id"}[table]
    sql = f"SELECT {key} FROM [{table}] WHERE rowid IN (SELECT rowid FROM [{table}_fts] WHERE [{table}_fts] MATCH ?)"
    return {r[0] for r in db.execute(sql, (escape_fts(term),))}


def _holding(db, term: str) -> set[str]:
    return {r[0] for r in db.execute("SELECT key FROM paragraphs WHERE instr(text_simplified, ?) > 0", (term,))}


def _sample_words(db, per_chapter: int = 40) -> dict[str, list[str]]:
    """Chinese substrings of every chapter's text, by length (2-6: within the n-grams; 7-8: beyond), seeded."""
    rng = random.Random(20261203)
    out: dict[str, list[str]] = {"2-6": [], "7-8": []}
    for (chapter,) in db.execute("SELECT DISTINCT chapter FROM paragraphs ORDER BY chapter"):
        text = "".join(r[0] for r in db.execute("SELECT text_simplified FROM paragraphs WHERE chapter = ?", (chapter,)))
        runs = [r for r in fulltext._HAN.findall(text) if len(r) >= 8]
        for _ in range(per_chapter):
            run = rng.choice(runs)
            for band, (lo, hi) in (("2-6", (2, 6)), ("7-8", (7, 8))):
                n = rng.randint(lo, hi)
                i = rng.randrange(len(run) - n + 1)
                out[band].append(run[i : i + n])
    return out


def test_chinese_search_finds_two_character_names_amounts_and_ids(db):
    for name in ("京东", "淘宝", "得物", "拼多多", "直播电商"):
        hits = _fts(db, "paragraphs", name)
        assert hits and hits == _holding(db, name), name
        assert _fts(db, "claims", name), name
    assert _fts(db, "paragraphs", "13.8万亿元") == _holding(db, "13.8万亿元") != set()
    assert _fts(db, "claims", "2.1.1-03") == {"2.1.1-03"}
    in_findings = {
        r[0] for r in db.execute("SELECT DISTINCT finding_id FROM finding_claims WHERE claim_id = '2.1.1-03'")
    }
    assert in_findings and in_findings <= _fts(db, "findings", "2.1.1-03")


def test_chinese_search_recall_on_words_from_every_chapter(db):
    """Recall: a term is found when the search returns exactly the paragraphs that hold it. Every substring of
    two to six Chinese characters must be; longer ones are measured (found as two words, or by the trigram
    query) and the figure printed for the record."""
    sample = _sample_words(db)
    assert len(sample["2-6"]) >= 300  # 40 per chapter with text
    missed = [w for w in sample["2-6"] if _fts(db, "paragraphs", w) != _holding(db, w)]
    assert missed == []
    longer = sample["7-8"]
    whole = sum(_fts(db, "paragraphs", w) == _holding(db, w) for w in longer) / len(longer)
    # typed as two words (Datasette ANDs them): every paragraph that holds the string is among the results
    halves = [f"{w[: len(w) // 2]} {w[len(w) // 2 :]}" for w in longer]
    assert all(_holding(db, w) <= _fts(db, "paragraphs", h) for w, h in zip(longer, halves))
    extra = sum(len(_fts(db, "paragraphs", h) - _holding(db, w)) for w, h in zip(longer, halves))
    print(f"7-8 character substrings ({len(longer)}): found whole {whole:.0%}, as two words 100% (+{extra} others)")


def test_trigram_query_finds_any_substring(db):
    sql = export.datasette.queries()["search_text"]["sql"]
    for term in ("京东", "直播电商渗透率", "13.8万亿元", "仓", "多多"):
        found = {r[0] for r in db.execute(sql, {"q": term})}
        assert found == _holding(db, term), term


# --- Datasette, local and read-only -----------------------------------------------------------------------
def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def served(exported):
    if not DATASETTE.exists():
        pytest.fail("datasette is not installed in the project's environment (requirements.txt pins it)")
    port = _free_port()
    # the command make explore runs (Makefile: explore), on a free port
    args = [str(DATASETTE), "serve", "--immutable", str(exported / "audit.db"), "--metadata"]
    args += [str(exported / "metadata.json"), "--host", "127.0.0.1", "--port", str(port)]
    args += ["--setting", "sql_time_limit_ms", "1000", "--setting", "allow_download", "off"]
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(f"{base}/-/versions.json", timeout=1)
            break
        except OSError:
            if proc.poll() is not None:
                pytest.fail(proc.stderr.read().decode())
            time.sleep(0.2)
    yield base
    proc.terminate()
    proc.wait(10)


def _get(url: str) -> tuple[int, dict]:
    try:
        with urllib.request.urlopen(url, timeout=10) as r:
            return r.status, json.load(r)
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read() or b"{}")


def _q(base: str, path: str, **params) -> tuple[int, dict]:
    return _get(f"{base}/audit{path}?{urllib.parse.urlencode(params)}")


def test_datasette_serves_the_tables_search_and_canned_queries(served):
    code, body = _q(served, "/claims.json", _search="京东", _shape="array", _size="max")
    assert code == 200 and len(body) > 10
    assert all("京东" in " ".join(str(r[c] or "") for c in database.SEARCHED["claims"]) for r in body)
    code, body = _q(served, "/claims.json", _facet="outside_record", _size="0")
    facet = {f["value"]: f["count"] for f in body["facet_results"]["outside_record"]["results"]}
    assert sum(facet.values()) == _rows("claims.csv")
    code, body = _q(served, "/what_can_i_quote.json", _shape="array")
    assert code == 200 and body[0]["outside_record"] == OUTSIDE_AXIS_WORDS["confirmed"]
    code, body = _q(served, "/about_a_platform.json", entity="jd", _shape="array")
    assert code == 200 and body and all(r["url"].startswith("https://example.org/audit/") for r in body)
    code, meta = _get(f"{served}/-/metadata.json")
    assert meta["databases"]["audit"]["queries"]["what_can_i_quote"]["title"] == QUERY_WORDS["what_can_i_quote"][0]


def test_datasette_stops_a_runaway_query_and_refuses_writes(served):
    start = time.monotonic()
    forever = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c"
    code, body = _q(served, ".json", sql=forever)
    assert code == 400 and "too long" in body.get("error", "") and time.monotonic() - start < 10
    code, body = _q(served, ".json", sql="DELETE FROM claims")
    assert code == 400 and not body.get("ok", True)
    code, body = _q(served, "/claims.json", _size="0")
    assert body["filtered_table_rows_count"] == _rows("claims.csv")
    with pytest.raises(urllib.error.HTTPError):  # no download of the whole file
        urllib.request.urlopen(f"{served}/audit.db", timeout=10)


def test_datasette_pages_in_chromium(served):
    chromium = shutil.which("chromium")
    if not chromium:
        if os.environ.get("REQUIRE_BROWSER"):
            pytest.fail("chromium not installed")
        pytest.skip("chromium not installed (apt-get install chromium)")
    sync = pytest.importorskip("playwright.sync_api")
    shots = paths.BOOK / "_build" / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    with sync.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(f"{served}/audit/claims?_facet=outside_record&_search=" + urllib.parse.quote("淘宝"))
        assert page.locator(".facet-info").first.is_visible()
        assert page.get_by_text(OUTSIDE_AXIS_WORDS["confirmed"]).first.is_visible()
        assert page.locator("table.rows-and-columns tbody tr").count() > 5
        page.screenshot(path=str(shots / "datasette-claims.png"))
        page.goto(f"{served}/audit/about_a_platform?entity=pinduoduo")
        assert page.get_by_text(QUERY_WORDS["about_a_platform"][0]).first.is_visible()
        assert page.locator("table.rows-and-columns tbody tr").count() > 5
        page.screenshot(path=str(shots / "datasette-query.png"))
        browser.close()


# --- an export writes everything or nothing ---------------------------------------------------------------
def test_export_refuses_existing_files_and_a_file_for_a_folder(tmp_path, exported):
    data = gate.require_valid().ledger
    target = tmp_path / "out"
    target.mkdir()
    (target / "audit.db").write_text("someone's database")
    with pytest.raises(OutputError, match="audit.db already there; pass --overwrite"):
        export.write(target, data)
    assert [p.name for p in target.iterdir()] == ["audit.db"]
    assert (target / "audit.db").read_text() == "someone's database"
    with pytest.raises(OutputError, match="is a file, not a folder"):
        export.write(target / "audit.db", data)


def test_export_that_fails_midway_leaves_nothing(tmp_path, monkeypatch):
    data = gate.require_valid().ledger

    def broken(path, named):
        Path(path).write_bytes(b"half a database")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(database, "write", broken)
    with pytest.raises(OutputError, match=r"\(No space left on device\); nothing was replaced"):
        export.write(tmp_path / "out", data)
    assert list((tmp_path / "out").iterdir()) == []


def test_export_cli_gives_one_line_for_an_unwritable_place_and_for_bad_data(tmp_path):
    code, out, err = F.run_forked(["export", "/proc/audit-export"], paths.DATA)
    assert code == 2 and err.startswith("error: ") and "Traceback" not in err and len(err.splitlines()) == 1
    broken = F.copy_data(tmp_path)
    claims = broken / "claims.csv"
    claims.write_text(claims.read_text(encoding="utf-8").replace(",=,", ",≈,", 1), encoding="utf-8")
    code, out, err = F.run_forked(["export", str(tmp_path / "out")], broken)
    assert code == 2 and "claims.csv" in err and not (tmp_path / "out").exists()


def test_the_published_data_package_is_valid(exported):
    frictionless = pytest.importorskip("frictionless")
    report = frictionless.validate(str(exported / export.PACKAGE_DIR / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]
    assert json.loads((exported / "metadata.json").read_text(encoding="utf-8"))["databases"]["audit"]["tables"]


def test_search_words_are_deterministic():
    text = "京东与拼多多的直播电商规模达13.8万亿元，占比25%。"
    words = fulltext.words(text, ("2.1.1-03",))
    assert words == fulltext.words(text, ("2.1.1-03",))
    assert {"京东", "拼多多", "直播电商", "13.8万亿元", "25%", "2.1.1-03"} <= set(words)
