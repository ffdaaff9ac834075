"""``corroborate ingest``, ``articles`` and ``show`` end to end on small fixtures."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from corroborate.cli import app
from corroborate.errors import CorroborateError

DATA = Path(__file__).parent / "data" / "ingest"
GOOD = [str(DATA / n) for n in ("report.md", "articles.csv", "rss-feed.xml", "page.html")]


@pytest.fixture
def db(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'cli.db'}"


def run(*args: str, input: str | None = None):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(app, list(args), input=input)


def test_cli_ingest_counts_and_rerun(db: str) -> None:
    result = run("ingest", *GOOD, "--db", db)
    assert result.exit_code == 0, result.output
    assert "read 6 · stored new 6 · duplicates 0 · rejected 0" in result.stdout
    result = run("ingest", *GOOD, "--db", db)
    assert result.exit_code == 0
    assert "read 6 · stored new 0 · duplicates 6 · rejected 0" in result.stdout


def test_cli_ingest_rejects_exit_1_and_file(db: str, tmp_path: Path) -> None:
    rejects = tmp_path / "rejects.jsonl"
    result = run("ingest", str(DATA / "bad" / "no-text.csv"), str(DATA / "bad" / "empty.txt"),
                 "--db", db, "--rejects", str(rejects))
    assert result.exit_code == 1
    assert f"E012: row 1 of {DATA / 'bad' / 'no-text.csv'}: row has no text" in result.stderr
    assert f"E002: {DATA / 'bad' / 'empty.txt'}: file is empty" in result.stderr
    assert "stored new 2" in result.stdout and "rejected 2" in result.stdout
    lines = [json.loads(line) for line in rejects.read_text().splitlines()]
    assert [(r["code"], r["row"]) for r in lines] == [("E012", 1), ("E002", None)]
    assert all({"code", "file", "row", "message"} <= set(r) for r in lines)


def test_cli_ingest_json_and_quiet(db: str) -> None:
    result = run("ingest", str(DATA / "articles.csv"), "--db", db, "--json")
    assert result.exit_code == 0
    report = json.loads(result.stdout)
    assert (report["read"], report["added"], report["rejected"]) == (2, 2, 0)
    assert report["added_ids"] == ["articles-0", "articles-1"]
    result = run("ingest", str(DATA / "articles.csv"), "--db", db, "--quiet")
    assert result.exit_code == 0 and result.stdout == ""


def test_cli_ingest_map_and_bad_map(db: str, tmp_path: Path) -> None:
    path = tmp_path / "odd.csv"
    path.write_text("story,day\nShelling hit the port.,2019-06-05\n")
    result = run("ingest", str(path), "--db", db, "--map", "text=story", "--map",
                 "published=day")
    assert result.exit_code == 0, result.output
    result = run("show", "odd-0", "--db", db, "--json")
    assert json.loads(result.stdout)["article"]["published"] == "2019-06-05"
    result = run("ingest", str(path), "--db", db, "--map", "body=story")
    assert isinstance(result.exception, CorroborateError)
    assert result.exception.code == "E018"


def test_cli_ingest_stdin(db: str) -> None:
    result = run("ingest", "-", "--db", db, input="A shell hit a bakery in the old town.\n")
    assert result.exit_code == 0, result.output
    result = run("show", "stdin-0", "--db", db, "--json")
    assert json.loads(result.stdout)["article"]["provenance"][0]["source"] == "<stdin>"


def test_cli_articles_table_and_json(db: str) -> None:
    run("ingest", *GOOD, "--db", db)
    result = run("articles", "--db", db, "--json", "--outlet", "example times")
    page = json.loads(result.stdout)
    assert page["total"] == 2
    assert [r["id"] for r in page["articles"]] == ["articles-1", "articles-0"]
    result = run("articles", "--db", db, "--json", "--q", "checkpoint")
    assert [r["id"] for r in json.loads(result.stdout)["articles"]] == ["rss-feed-0"]
    result = run("articles", "--db", db, "--json", "--since", "2019-01-01", "--until",
                 "2019-12-31", "--limit", "1")
    page = json.loads(result.stdout)
    assert page["total"] == 3 and [r["id"] for r in page["articles"]] == ["rss-feed-1"]
    result = run("articles", "--db", db)
    assert result.exit_code == 0
    assert "market-report" in result.stdout and "of 6 articles" in result.stdout


def test_cli_show(db: str) -> None:
    run("ingest", *GOOD, "--db", db)
    result = run("show", "market-report", "--db", db)
    assert result.exit_code == 0
    assert "Rockets struck the market square" in result.stdout
    assert "wire-story-7" in result.stdout  # provenance metadata
    result = run("show", "market-report", "--db", db, "--json")
    detail = json.loads(result.stdout)
    assert detail["article"]["outlet"] == "Example Gazette"
    assert detail["extraction"] is None and detail["incidents"] == []
    result = run("show", "nope", "--db", db)
    assert isinstance(result.exception, CorroborateError)
    assert result.exception.code == "E043"


def test_cli_db_from_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CORROBORATE_DB", str(tmp_path / "env.db"))
    result = run("ingest", str(DATA / "report.md"))
    assert result.exit_code == 0
    assert (tmp_path / "env.db").exists()


def test_cli_ingest_stdin_bytes_in_legacy_encoding(db: str) -> None:
    text = ("Les secouristes ont évacué trois blessés vers l'hôpital régional après le "
            "bombardement du marché, a indiqué le maire, qui dénonce une attaque délibérée.")
    result = CliRunner().invoke(app, ["ingest", "-", "--db", db], input=text.encode("cp1252"))
    assert result.exit_code == 0, result.output
    result = run("show", "stdin-0", "--db", db, "--json")
    assert json.loads(result.stdout)["article"]["text"] == text


def test_cli_ingest_empty_stdin_is_e002(db: str) -> None:
    result = run("ingest", "-", "--db", db, input="  \n")
    assert result.exit_code == 1
    assert "E002: <stdin>: file is empty" in result.stderr
