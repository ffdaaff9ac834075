"""``corroborate analyze``, ``incidents``, ``incident`` and ``demo`` through the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from corroborate import compare, schema
from corroborate.cli import app
from corroborate.errors import CorroborateError
from corroborate.store import open_store

runner = CliRunner()

REPORT_A = """---
title: Shelling kills 9 in Douma
outlet: Alpha News
published: 2017-02-03
---
Government shelling hit a residential street in Douma, east of Damascus, on Thursday, killing
9 civilians including 3 children, rescue workers said.
"""
REPORT_B = """---
title: Douma shelling: 14 dead, say medics
outlet: <b>Beta</b> [red]Times[/red]
published: 2017-02-03
---
At least 14 people were killed when shells struck homes in Douma near Damascus on Thursday,
medics in the besieged town said. The government denied targeting civilians.
"""


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.md").write_text(REPORT_A, encoding="utf-8")
    (d / "b.md").write_text(REPORT_B, encoding="utf-8")
    return d


def invoke(*args: str):
    result = runner.invoke(app, list(args), catch_exceptions=True)
    return result


def test_cli_analyze_writes_json_and_report(corpus, tmp_path):
    db, out_json, out_html = tmp_path / "x.db", tmp_path / "o" / "inc.json", tmp_path / "r.html"
    r = invoke("analyze", str(corpus), "--db", str(db), "--json", str(out_json),
               "--report", str(out_html))
    assert r.exit_code == 0, r.output
    assert "read 2" in r.output and "incidents" in r.output
    doc = json.loads(out_json.read_text(encoding="utf-8"))
    schema.validate(doc, "incidents")
    assert doc["version"] == compare.VERSION and doc["incidents"]
    html = out_html.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "&lt;b&gt;Beta&lt;/b&gt;" in html


def test_cli_analyze_quiet_prints_nothing(corpus, tmp_path):
    r = invoke("analyze", str(corpus), "--db", str(tmp_path / "q.db"), "--quiet")
    assert r.exit_code == 0 and r.stdout == ""


def test_cli_incidents_list_filters_and_json(corpus, tmp_path):
    db = str(tmp_path / "x.db")
    assert invoke("analyze", str(corpus), "--db", db, "-q").exit_code == 0
    r = invoke("incidents", "--db", db, "--json")
    assert r.exit_code == 0, r.output
    doc = json.loads(r.stdout)
    assert doc["total"] == len(doc["incidents"]) >= 1
    schema.validate({"version": doc["version"], "incidents": doc["incidents"]}, "incidents")
    douma = [i for i in doc["incidents"] if len(i["reports"]) == 2]
    assert len(douma) == 1
    # filters reach the store
    none = json.loads(invoke("incidents", "--db", db, "--json", "--since", "2020-01-01").stdout)
    assert none["incidents"] == [] and none["total"] == 0
    only = json.loads(invoke("incidents", "--db", db, "--json", "--contradictions").stdout)
    assert {i["id"] for i in only["incidents"]} == {
        i["id"] for i in doc["incidents"] if i["contradictions"]}
    found = json.loads(invoke("incidents", "--db", db, "--json", "--q", "besieged").stdout)
    assert [i["id"] for i in found["incidents"]] == [douma[0]["id"]]
    table = invoke("incidents", "--db", db)
    assert table.exit_code == 0 and douma[0]["id"] in table.stdout


def test_cli_incident_detail_tables_and_json(corpus, tmp_path):
    db = str(tmp_path / "x.db")
    invoke("analyze", str(corpus), "--db", db, "-q")
    listing = json.loads(invoke("incidents", "--db", db, "--json").stdout)
    inc = next(i for i in listing["incidents"] if len(i["reports"]) == 2)
    r = invoke("incident", inc["id"], "--db", db, "--json")
    assert r.exit_code == 0 and json.loads(r.stdout) == inc
    r = runner.invoke(app, ["incident", inc["id"], "--db", db], env={"COLUMNS": "200"})
    assert r.exit_code == 0, r.output
    for heading in ("Claims matrix", "Consensus", "Timeline of figures", "Independent origins",
                    "grade:"):
        assert heading in r.stdout
    # rich markup in an outlet name is shown literally, not interpreted
    assert "[red]Times[/red]" in r.stdout


def test_cli_incidents_rejects_unknown_sort_and_grade(tmp_path):
    db = str(tmp_path / "e.db")
    for args in (["--sort", "bogus"], ["--grade", "great"]):
        r = runner.invoke(app, ["incidents", "--db", db, *args])
        assert r.exit_code == 2 and "one of" in r.output


def test_cli_incident_unknown_id_is_e044(tmp_path):
    open_store(str(tmp_path / "e.db")).close()
    r = invoke("incident", "inc-0000000000", "--db", str(tmp_path / "e.db"))
    assert isinstance(r.exception, CorroborateError) and r.exception.code == "E044"


def test_cli_demo_writes_files_and_prints_summary(tmp_path):
    out = tmp_path / "demo"
    r = runner.invoke(app, ["demo", "--out", str(out)], env={"COLUMNS": "200"})
    assert r.exit_code == 0, r.output
    for name in ("demo.db", "incidents.json", "report.html"):
        assert (out / name).is_file()
    assert "corroborate serve --db" in r.stdout and "http://127.0.0.1:8000/incidents" in r.stdout
    assert "Incidents in the sample corpus" in r.stdout


def test_cli_analyze_missing_model_exits_with_e052(corpus, tmp_path, monkeypatch):
    config = tmp_path / "c.toml"
    config.write_text('credibility_model = "no-such-model.joblib"\n', encoding="utf-8")
    monkeypatch.setenv("CORROBORATE_CONFIG", str(config))
    r = invoke("analyze", str(corpus), "--db", str(tmp_path / "m.db"), "-q")
    # `corroborate` (cli.main) prints a CorroborateError as one line and exits 2
    assert isinstance(r.exception, CorroborateError) and r.exception.code == "E052"
    assert str(tmp_path / "no-such-model.joblib") in str(r.exception)
    # the reports were read and linked before the classifier stopped
    assert open_store(str(tmp_path / "m.db"), create=False).count_articles() == 2
