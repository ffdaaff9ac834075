"""``corroborate export``: files, standard output, filters and coded errors."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from corroborate.cli import app
from corroborate.errors import CorroborateError
from corroborate.store import open_store
from test_export_formats import example_incidents

runner = CliRunner()


def _db(tmp_path: Path) -> str:
    db = str(tmp_path / "x.db")
    with open_store(db) as s:
        s.replace_incidents(example_incidents())
    return db


def test_cli_export_writes_file_and_reports_counts(tmp_path: Path) -> None:
    db = _db(tmp_path)
    out = tmp_path / "inc.geojson"
    r = runner.invoke(app, ["export", "--format", "geojson", "--output", str(out), "--db", db])
    assert r.exit_code == 0, r.output
    assert "exported 3 incident(s) as geojson" in r.output and "1 without coordinates" in r.output
    assert len(json.loads(out.read_text())["features"]) == 3
    assert not list(tmp_path.glob(".inc.geojson.*"))  # the temporary file is gone


def test_cli_export_stdout_with_filters(tmp_path: Path) -> None:
    db = _db(tmp_path)
    r = runner.invoke(app, ["export", "-f", "acled", "--db", db, "--since", "2017-01-01",
                            "--quiet"])
    assert r.exit_code == 0, r.output
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    assert [row["event_id_cnty"] for row in rows] == ["inc-0000000002"]
    r = runner.invoke(app, ["export", "-f", "csv", "--db", db, "--contradictions", "-q",
                            "--limit", "1"])
    assert [row["id"] for row in csv.DictReader(io.StringIO(r.stdout))] == ["inc-3f9a1c2b7d"]


def test_cli_export_unknown_format_is_e150(tmp_path: Path) -> None:
    r = runner.invoke(app, ["export", "-f", "shp", "--db", _db(tmp_path)])
    assert isinstance(r.exception, CorroborateError) and r.exception.code == "E150"


def test_cli_export_unwritable_output_is_e152_and_leaves_no_file(tmp_path: Path) -> None:
    db = _db(tmp_path)
    target = tmp_path / "missing-folder" / "x.kml"
    proc = subprocess.run([sys.executable, "-c", "from corroborate.cli import main; main()",
                           "export", "-f", "kml", "-o", str(target), "--db", db],
                          capture_output=True, text=True)
    assert proc.returncode == 2
    assert "E152" in proc.stderr and "Traceback" not in proc.stderr
    assert not target.exists()


def test_cli_export_docs_commands_run(demo_db_template: Path, tmp_path: Path,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """Every ``corroborate`` line of docs/export.md's shell blocks runs, against the demo
    store (``second-run.db`` of the round-trip example is a copy of it)."""
    import shlex
    import shutil

    doc = (Path(__file__).resolve().parents[1] / "docs" / "export.md").read_text(encoding="utf-8")
    blocks = [b.split("```", 1)[0] for b in doc.split("```sh")[1:]]
    lines = [ln.split("|")[0].strip() for b in blocks for ln in b.splitlines()
             if ln.startswith("corroborate")]
    assert len(lines) >= 10
    monkeypatch.chdir(tmp_path)
    shutil.copy(demo_db_template, tmp_path / "second-run.db")
    # the round trip's second analysis reads `reports/`: the bundled sample corpus stands in
    sample = Path(__file__).resolve().parents[1] / "src" / "corroborate" / "data" / "sample_corpus"
    shutil.copytree(sample / "reports", tmp_path / "reports")
    for line in lines:
        args = shlex.split(line, comments=True)[1:]
        if "--db" not in args:
            args += ["--db", str(demo_db_template)]
        if args[0] == "export":
            args.append("--quiet")
        r = runner.invoke(app, args)
        ok = r.exit_code == 0
        assert ok, (line, r.output)
    assert json.loads((tmp_path / "incidents.geojson").read_text())["features"]
    assert (tmp_path / "claims.csv").read_text().startswith("incident_id,")
