"""Bad input: each kind gives its catalogue code, names file and row, keeps good records."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from corroborate.errors import CATALOGUE
from corroborate.ingest import read_inputs

BAD = Path(__file__).parent / "data" / "ingest" / "bad"


@pytest.mark.parametrize(("name", "code", "row"), [
    ("empty.txt", "E002", None),
    ("binary.txt", "E003", None),
    ("undecodable.txt", "E004", None),
    ("no-text-column.csv", "E010", None),
    ("no-text.csv", "E012", 1),
    ("malformed.jsonl", "E013", 1),
    ("bad-date.csv", "E015", 1),
    ("no-main-text.html", "E016", None),
    ("broken.rss", "E017", None),
])
def test_ingest_bad_input_codes(name: str, code: str, row: int | None) -> None:
    batch = read_inputs([BAD / name])
    assert code in [r.code for r in batch.rejects]
    reject = next(r for r in batch.rejects if r.code == code)
    assert reject.file == str(BAD / name)
    assert reject.row == row
    assert code in CATALOGUE
    assert str(reject).startswith(f"{code}: ")


def test_ingest_good_rows_survive_bad_ones() -> None:
    batch = read_inputs([BAD / "no-text.csv"])
    assert [a.id for a in batch.articles] == ["no-text-0", "no-text-2"]
    batch = read_inputs([BAD / "malformed.jsonl"])
    assert [a.id for a in batch.articles] == ["malformed-0", "malformed-3"]
    assert sorted((r.code, r.row) for r in batch.rejects) == [("E013", 1), ("E014", 2)]


def test_ingest_unparseable_date_keeps_the_record() -> None:
    batch = read_inputs([BAD / "bad-date.csv"])
    dated, undated = batch.articles
    assert dated.published == "2019-02-01"
    assert undated.published is None and undated.text.startswith("Two soldiers")
    (reject,) = batch.rejects
    assert reject.field == "published" and reject.context == {"kept": True}


def test_ingest_oversized_text_is_e019() -> None:
    batch = read_inputs([BAD / "oversized.txt"], max_bytes=100)
    assert [r.code for r in batch.rejects] == ["E019"]
    assert batch.articles == []
    assert read_inputs([BAD / "oversized.txt"], max_bytes=1000).articles


def test_ingest_missing_path_is_e001(tmp_path: Path) -> None:
    batch = read_inputs([tmp_path / "nope.csv", BAD / "no-text.csv"])
    assert batch.rejects[0].code == "E001"
    assert len(batch.articles) == 2


def test_ingest_whole_bad_corpus_keeps_going() -> None:
    batch = read_inputs([BAD], max_bytes=100)
    codes = sorted(r.code for r in batch.rejects)
    assert codes == ["E002", "E003", "E004", "E010", "E012", "E013", "E014", "E015", "E016",
                     "E017", "E019"]
    assert len(batch.articles) == 6


# --- docs/errors.md stays in sync with the catalogue ------------------------------

ERRORS_DOC = Path(__file__).resolve().parents[1] / "docs" / "errors.md"
START, END = "<!-- catalogue:start -->", "<!-- catalogue:end -->"


def catalogue_table() -> str:
    rows = ["| code | meaning |", "| --- | --- |"]
    rows += [f"| `{code}` | {text} |" for code, text in sorted(CATALOGUE.items())]
    return "\n".join(rows)


def test_ingest_errors_doc_matches_catalogue() -> None:
    doc = ERRORS_DOC.read_text(encoding="utf-8")
    head, _, rest = doc.partition(START)
    _, _, tail = rest.partition(END)
    want = f"{head}{START}\n{catalogue_table()}\n{END}{tail}"
    if os.environ.get("CORROBORATE_UPDATE_DOCS") == "1":
        ERRORS_DOC.write_text(want, encoding="utf-8")
        doc = want
    assert doc == want, ("docs/errors.md is out of date with errors.CATALOGUE; regenerate with "
                         "CORROBORATE_UPDATE_DOCS=1 pytest tests/test_ingest_errors.py -k doc")
