"""One bad record never aborts a run: it becomes a coded reject, the rest is stored.

Adversarial inputs from the issue-13 attack run: nesting deep enough to hit the
recursion limit, lone surrogate escapes, NUL characters, file names that are
not UTF-8, special files.  Each is checked on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

import io
import json
import os
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from corroborate.cli import app as cli_app
from corroborate.ingest import ingest_into, read_inputs
from corroborate.store import open_store

GOOD = "Artillery shelling killed 7 civilians in Aleppo on Sunday, medics said."
DEEP = "[" * 200_000 + "]" * 200_000


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.db'}"
    return str(request.getfixturevalue("pg_schema_url"))


def _good(folder: Path, name: str = "a-good.txt") -> Path:
    path = folder / name
    path.write_text(GOOD, encoding="utf-8")
    return path


@pytest.mark.parametrize("name", ["deep.jsonl", "deep.json"])
def test_ingest_deeply_nested_json_is_a_reject(tmp_path: Path, name: str) -> None:
    good = _good(tmp_path)
    deep = tmp_path / name
    line = json.dumps({"text": "x"}) + "\n" if name.endswith("l") else ""
    deep.write_text(line + '{"text": ' + DEEP + "}\n", encoding="utf-8")
    batch = read_inputs([good, deep])
    assert [a.text for a in batch.articles][:1] == [GOOD]
    assert [r.code for r in batch.rejects] == ["E013"]
    assert batch.rejects[0].file == str(deep)
    assert "nested" in batch.rejects[0].message


def test_ingest_deeply_nested_stdin_is_a_reject() -> None:
    stdin = io.TextIOWrapper(io.BytesIO(
        (json.dumps({"text": GOOD}) + "\n" + '{"text": ' + DEEP + "}\n").encode()))
    batch = read_inputs(["-"], stdin=stdin)
    assert [a.text for a in batch.articles] == [GOOD]
    assert [(r.code, r.row) for r in batch.rejects] == [("E013", 1)]


def test_ingest_lone_surrogate_and_nul_are_cleaned_by_name(tmp_path: Path,
                                                            store_url: str) -> None:
    good = _good(tmp_path)
    bad = tmp_path / "b-bad.jsonl"
    bad.write_text('{"text": "Shelling killed 3 in Idlib\\ud800 on Monday.", "title": "A\\u0000B",'
                   ' "note\\u0000": "x\\udfff"}\n', encoding="utf-8")
    with open_store(store_url) as store:
        report = ingest_into(store, [good, bad])
        assert len(report.added) == 2
        assert [(r.code, r.file, r.row, r.context.get("kept")) for r in report.rejects] == [
            ("E100", str(bad), 0, True)]
        assert "text" in report.rejects[0].message and "U+FFFD" in report.rejects[0].message
        (stored,) = [store.get_article(i) for i in report.added if i != "a-good"]
        assert stored is not None
        assert stored.text == "Shelling killed 3 in Idlib\ufffd on Monday."
        assert stored.title == "A\ufffdB"
        assert stored.provenance[0].metadata == {"note\ufffd": "x\ufffd"}


@pytest.mark.skipif(sys.platform == "darwin", reason="macOS refuses non-UTF-8 file names")
def test_ingest_non_utf8_file_name_is_a_reject(tmp_path: Path, store_url: str) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    _good(folder)
    with open(os.path.join(os.fsencode(folder), b"b-\xff.txt"), "w", encoding="utf-8") as fh:
        fh.write(GOOD.replace("7", "9"))
    with open_store(store_url) as store:
        report = ingest_into(store, [folder])
        assert report.added == ["a-good"]
        (reject,) = report.rejects
        assert reject.code == "E101"
        assert reject.file is not None and "b-\\xff.txt" in reject.file
        reject.file.encode("utf-8")  # printable and storable


def test_ingest_cli_bad_records_exit_1_and_keep_good_ones(tmp_path: Path) -> None:
    good = _good(tmp_path)
    deep = tmp_path / "deep.json"
    deep.write_text('{"text": ' + DEEP + "}", encoding="utf-8")
    db = tmp_path / "x.db"
    result = CliRunner().invoke(cli_app, ["ingest", str(good), str(deep), "--db", str(db), "-q"])
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "E013" in result.output
    with open_store(str(db)) as store:
        assert store.count_articles() == 1


# --- special files and folders (item 6, 15) ----------------------------------------


def test_ingest_fifo_is_rejected_by_name(tmp_path: Path) -> None:
    good = _good(tmp_path)
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    # nothing ever writes to the FIFO: reading it would block for ever
    batch = read_inputs([good, fifo])
    assert [a.text for a in batch.articles] == [GOOD]
    assert [(r.code, r.file) for r in batch.rejects] == [("E102", str(fifo))]


def test_ingest_device_is_rejected_by_name() -> None:
    batch = read_inputs(["/dev/zero"])
    assert [(r.code, r.file) for r in batch.rejects] == [("E102", "/dev/zero")]


def test_ingest_unreadable_subfolder_is_e001(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    _good(tmp_path)
    locked = tmp_path / "locked"
    locked.mkdir()
    _good(locked, "inside.txt")
    real_scandir = os.scandir

    def scandir(path: str | os.PathLike[str] = ".") -> object:
        # chmod 000 does not stop root (CI), so refuse the listing here instead
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    batch = read_inputs([tmp_path])
    assert [a.text for a in batch.articles] == [GOOD]
    assert [(r.code, r.file) for r in batch.rejects] == [("E001", str(locked))]
    assert "cannot read folder" in batch.rejects[0].message


# --- ragged CSV rows (item 14) -------------------------------------------------------


def test_ingest_csv_ragged_rows_are_rejected_by_row(tmp_path: Path) -> None:
    path = tmp_path / "ragged.csv"
    path.write_text(
        "title,text,date,outlet\n"
        "One,Shelling killed 3 in Idlib.,2016-01-02,Gazette\n"
        "Two,Shelling killed 4 in Hama.,2016-01-03,Gazette,extra cell\n"
        "Three,Shelling killed 5 in Homs.\n"
        "Four,Shelling killed 6 in Daraa.,2016-01-05,Herald,\n",
        encoding="utf-8")
    batch = read_inputs([path])
    assert [a.title for a in batch.articles] == ["One", "Four"]
    assert [(r.code, r.row) for r in batch.rejects] == [("E103", 1), ("E103", 2)]
    assert "5 cells" in batch.rejects[0].message and "4 columns" in batch.rejects[0].message


def test_ingest_csv_unterminated_quote_does_not_shift_columns(tmp_path: Path) -> None:
    path = tmp_path / "quote.csv"
    path.write_text(
        'title,text,date,outlet\n'
        'One,"Shelling killed 3 in Idlib.,2016-01-02,Gazette\n'
        'Two,Shelling killed 4 in Hama.,2016-01-03,Herald\n',
        encoding="utf-8")
    batch = read_inputs([path])
    # the quote swallows the next line: that row cannot line up, and nothing moves a
    # date into the outlet column
    assert all(a.outlet in ("Gazette", "Herald") for a in batch.articles)
    assert "E103" in [r.code for r in batch.rejects] or "E011" in [r.code for r in batch.rejects]
    assert not any(a.outlet and "2016" in a.outlet for a in batch.articles)


# --- mixed encodings (item 15) ------------------------------------------------------


def test_ingest_mixed_encoding_is_decoded_per_byte_and_warned(tmp_path: Path) -> None:
    path = tmp_path / "mixed.txt"
    path.write_bytes("Shelling near the café in Aleppo — 3 killed, said Müller. ".encode()
                     + "Reported from Zürich.".encode("latin-1"))
    batch = read_inputs([path])
    (article,) = batch.articles
    assert "café" in article.text and "— 3 killed" in article.text
    assert "Zürich" in article.text
    assert [(r.code, r.file, r.context.get("kept")) for r in batch.rejects] == [
        ("E104", str(path), True)]


def test_ingest_legacy_single_encoding_is_not_warned(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes("Bombardement à Alep: trois morts, selon la défense civile.".encode("cp1252"))
    batch = read_inputs([path])
    assert batch.rejects == []
    assert "défense" in batch.articles[0].text
