"""``corroborate review``: every operation from the command line, the log, the export
and ``evaluate extraction --gold``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from corroborate import schema
from corroborate.cli import app as cli
from review_corpus import LATE, REPORTS

runner = CliRunner()


def _run(*args: str) -> tuple[int, str]:
    result = runner.invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.output


@pytest.fixture
def db(tmp_path: Path) -> str:
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in REPORTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    path = str(tmp_path / "r.db")
    code, _ = _run("analyze", str(folder), "--db", path, "-q")
    assert code == 0
    return path


def _incident(db: str, article: str) -> dict:
    code, out = _run("incidents", "--db", db, "--json")
    assert code == 0
    for row in json.loads(out)["incidents"]:
        code, doc = _run("incident", row["id"], "--db", db, "--json")
        inc = json.loads(doc)
        if article in {r["article_id"] for r in inc["reports"]}:
            return inc
    raise AssertionError(article)


def test_cli_review_every_operation_and_log(db: str, tmp_path: Path) -> None:
    manbij, idlib = _incident(db, "alpha"), _incident(db, "delta")
    code, out = _run("review", "set", "alpha", "killed", "14", "--reason", "recount",
                     "--as", "alice", "--db", db, "--json")
    assert code == 0 and json.loads(out)["who"] == "alice"
    assert _run("review", "set", "delta", "perpetrator", "--clear", "--reason", "unclear",
                "--as", "bob", "--db", db)[0] == 0
    assert _run("review", "status", manbij["id"], "in_review", "--reason", "checking",
                "--as", "alice", "--db", db)[0] == 0
    assert _run("review", "move", "beta", idlib["id"], "--reason", "t", "--as", "bob",
                "--db", db)[0] == 0
    assert _run("review", "split", idlib["id"], "beta", "--reason", "t", "--as", "bob",
                "--db", db)[0] == 0
    assert _run("review", "merge", manbij["id"], _incident(db, "beta")["id"], "--reason", "t",
                "--as", "alice", "--db", db)[0] == 0
    code, out = _run("review", "log", "--db", db, "--json")
    entries = json.loads(out)
    assert [e["action"] for e in entries] == ["set", "clear", "status", "move", "split", "merge"]
    assert _run("review", "undo", str(entries[-1]["seq"]), "--reason", "oops", "--as", "bob",
                "--db", db)[0] == 0
    code, out = _run("review", "log", "--incident", manbij["id"], "--db", db)
    assert code == 0 and "undo" in out and "status" in out
    for e in json.loads(_run("review", "log", "--db", db, "--json")[1]):
        schema.validate(e, "review")
    late = tmp_path / "late.md"
    late.write_text(LATE, encoding="utf-8")
    assert _run("analyze", str(late), "--db", db, "-q")[0] == 0
    assert _incident(db, "beta")["id"] != _incident(db, "alpha")["id"]  # the split holds
    gold = tmp_path / "gold.jsonl"
    assert _run("review", "export", "-o", str(gold), "--db", db)[0] == 0
    records = [json.loads(x) for x in gold.read_text(encoding="utf-8").splitlines()]
    assert {(r["article_id"], tuple(r["fields"].items())) for r in records} == {
        ("alpha", (("killed", 14),)), ("delta", (("perpetrator", None),))}
    for r in records:
        schema.validate(r, "review-gold")
    code, out = _run("evaluate", "extraction", "--gold", str(gold), "--json")
    result = json.loads(out)
    # the extractor says 12 killed and names a perpetrator: both corrections are misses
    assert result["fields"]["killed"] == {"accuracy": 0.0, "n": 1, "correct": 0}
    assert result["fields"]["perpetrator"]["correct"] == 0


def test_cli_review_errors_are_coded(db: str) -> None:
    import subprocess
    import sys

    proc = subprocess.run([sys.executable, "-c", "from corroborate.cli import main; main()", "review", "set", "alpha",
                           "killed", "many", "--reason", "r", "--db", db],
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 2 and "E136" in proc.stderr and "Traceback" not in proc.stderr
    proc = subprocess.run([sys.executable, "-c", "from corroborate.cli import main; main()", "review", "set", "alpha",
                           "killed", "13", "--base", "7", "--reason", "r", "--db", db],
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 2 and "E137" in proc.stderr


def test_cli_review_docs_commands_run(demo_db_template: Path, tmp_path: Path,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """Every ``corroborate`` line of docs/review.md's shell block runs, in order, against a
    copy of the demo store, and does what the doc says."""
    import shlex
    import shutil

    doc = (Path(__file__).resolve().parents[1] / "docs" / "review.md").read_text(encoding="utf-8")
    blocks = [b.split("```", 1)[0] for b in doc.split("```sh")[1:]]
    lines = [ln.strip() for b in blocks for ln in b.splitlines() if ln.startswith("corroborate")]
    assert len(lines) >= 10
    monkeypatch.chdir(tmp_path)
    db = tmp_path / "demo.db"
    shutil.copy(demo_db_template, db)
    outputs = []
    for line in lines:
        args = shlex.split(line)[1:]
        if args[0] == "review":
            args += ["--db", str(db)]
        r = runner.invoke(cli, args)
        assert r.exit_code == 0, (line, r.output)
        outputs.append(r.output)
    entries = json.loads(_run("review", "log", "--db", str(db), "--json")[1])
    assert [e["action"] for e in entries] == ["set", "set", "set", "set", "status", "clear",
                                              "undo"]
    # the round-up's Shayrat section has its corrected cause, and the date is corrected
    from corroborate.store import open_store

    with open_store(str(db)) as store:
        shayrat = next(i for i in store.incidents_for_article("syria-roundup-middleeasteye-2017-04-17")
                       if i["place"] and "Shayrat" in str(i["place"]))
        row = next(r for r in shayrat["reports"]
                   if r["article_id"] == "syria-roundup-middleeasteye-2017-04-17")
        assert row["cause"] == "missile_strike"
        (reuters,) = store.incidents_for_article("dayr-az-zawr-reuters-2016-09-18")
        row = next(r for r in reuters["reports"]
                   if r["article_id"] == "dayr-az-zawr-reuters-2016-09-18")
        assert row["date"] == "2016-09-17"
        assert reuters["review"]["status"] == "verified"
    # the four reports a value was set on (sputnik, reuters, alarabiya, the round-up's Shayrat)
    assert len((tmp_path / "corrections.jsonl").read_text(encoding="utf-8").splitlines()) == 4
