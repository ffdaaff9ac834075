"""``corroborate extract``: formats, rejects, engines and the stored mode."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from corroborate import schema
from corroborate.cli import app
from corroborate.config import Settings
from corroborate.extract.run import extract_batch
from corroborate.store import open_store

runner = CliRunner()

CSV = (
    "id,title,text\n"
    "r-1,Strike on market,Activists said 7 civilians were killed in an airstrike on Saraqib. "
    "The air force denied it.\n"
    "r-2,,\n"
    "r-3,Car bomb,Police said a car bomb killed 4 people. The group claimed responsibility.\n"
)


@pytest.fixture
def csv_file(tmp_path: Path) -> Path:
    p = tmp_path / "reports.csv"
    p.write_text(CSV, encoding="utf-8")
    return p


def lines(out: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def test_cli_extract_jsonl_seeds(seeds_dir: Path) -> None:
    res = runner.invoke(app, ["extract", str(seeds_dir), "--quiet"])
    assert res.exit_code == 0, res.output
    docs = lines(res.stdout)
    assert len(docs) == 2
    for d in docs:
        schema.validate(d, "extraction")
    labels = {f["label"] for d in docs for inc in d["incidents"] for f in inc["framing"]}
    assert {"deliberate", "mistake"} <= labels


def test_cli_extract_csv_ids_and_rejects(csv_file: Path) -> None:
    res = runner.invoke(app, ["extract", str(csv_file)])
    assert res.exit_code == 1
    assert [d["id"] for d in lines(res.stdout)] == ["r-1", "r-3"]
    assert "E012" in res.stderr and "row 1" in res.stderr
    assert "2 article(s)" in res.stderr and "1 rejected" in res.stderr


def test_cli_extract_rejects_file(csv_file: Path, tmp_path: Path) -> None:
    path = tmp_path / "rejects.jsonl"
    res = runner.invoke(app, ["extract", str(csv_file), "--rejects", str(path), "-q"])
    assert res.exit_code == 1
    (rec,) = lines(path.read_text(encoding="utf-8"))
    assert (rec["code"], rec["row"]) == ("E012", 1)


def test_cli_extract_json_and_output_file(csv_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    res = runner.invoke(app, ["extract", str(csv_file), "-f", "json", "-o", str(out), "-q"])
    assert res.exit_code == 1  # the empty row
    assert res.stdout == ""
    data = json.loads(out.read_text(encoding="utf-8"))
    assert [d["id"] for d in data] == ["r-1", "r-3"]


def test_cli_extract_table(seeds_dir: Path) -> None:
    res = runner.invoke(app, ["extract", str(seeds_dir), "--format", "table", "-q"])
    assert res.exit_code == 0, res.output
    for col in ("article", "incident", "date", "place", "killed", "injured", "perpetrator",
                "cause", "framing"):
        assert col in res.stdout
    assert "rt-2016-09-27-deir-ez-zor-recording" in res.stdout
    assert "deliberate" in res.stdout and "Muallem" in res.stdout


def test_cli_extract_stdin() -> None:
    res = runner.invoke(app, ["extract", "-", "-q"],
                        input="Officials said the strike was a deliberate attack.\n")
    assert res.exit_code == 0, res.output
    (d,) = lines(res.stdout)
    assert d["id"] == "stdin-0"


def test_cli_extract_dask_engine_equals_local(seeds_dir: Path, csv_file: Path) -> None:
    args = ["extract", str(seeds_dir), str(csv_file), "-q"]
    local = runner.invoke(app, args)
    dask = runner.invoke(app, [*args, "--engine", "dask", "--partitions", "2",
                               "--scheduler", "synchronous"])
    assert local.exit_code == dask.exit_code == 1
    assert lines(dask.stdout) == lines(local.stdout)
    assert len(lines(local.stdout)) == 4


def test_cli_extract_stored_equals_stateless(seeds_dir: Path, tmp_path: Path) -> None:
    from corroborate.ingest import read_inputs

    db = str(tmp_path / "c.db")
    articles = read_inputs([seeds_dir]).articles
    with open_store(db) as store:
        store.add_articles(articles)
    res = runner.invoke(app, ["extract", "--db", db])
    assert res.exit_code == 0, res.output
    assert "extracted 2 stored article(s)" in res.stderr
    with open_store(db) as store:
        stored = sorted(store.iter_extractions(), key=lambda d: d["id"])
    stateless = lines(runner.invoke(app, ["extract", str(seeds_dir), "-q"]).stdout)
    assert stored == sorted(stateless, key=lambda d: d["id"]) == sorted(
        extract_batch(articles, Settings()), key=lambda d: d["id"])


def test_cli_extract_needs_paths_or_db() -> None:
    res = runner.invoke(app, ["extract"])
    assert res.exit_code == 2
    assert "--db" in res.output


def test_cli_extract_paths_and_db_conflict(seeds_dir: Path, tmp_path: Path) -> None:
    res = runner.invoke(app, ["extract", str(seeds_dir), "--db", str(tmp_path / "c.db")])
    assert res.exit_code == 2
