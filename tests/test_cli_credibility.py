"""``corroborate verify`` and ``corroborate credibility ...`` through the CLI."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from corroborate.cli import app
from corroborate.errors import CorroborateError
from corroborate.schema import validate

runner = CliRunner()
REF = Path(__file__).resolve().parents[1] / "src" / "corroborate" / "data" / "reference"
SEED_CENTCOM = "2016-09-17-centcom-admits-deir-al-zor-strike"
SEED_RT = "rt-2016-09-27-deir-ez-zor-recording"


def _json(result: Any) -> Any:
    assert result.exit_code == 0, (result.output, result.exception)
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def seeds_db(tmp_path_factory: pytest.TempPathFactory, seeds_dir: Path) -> str:
    """The seeds analysed into a store: ingest, extract, link, compare."""
    from corroborate.analyze import analyze
    from corroborate.app import Corroborate
    from corroborate.config import Settings

    db = str(tmp_path_factory.mktemp("db") / "seeds.db")
    with Corroborate(Settings(db=db)) as corr:
        analyze(corr, [seeds_dir])
    return db


def test_cli_credibility_verify_seeds_against_sample_reference(seeds_dir: Path) -> None:
    verdicts = _json(runner.invoke(app, ["verify", str(seeds_dir), "--reference",
                                         str(REF / "sample_incidents.csv"), "--json"]))
    validate(verdicts, "verdicts")
    by_id = {v["article_id"]: v for v in verdicts}
    assert set(by_id) == {SEED_CENTCOM, SEED_RT}
    # the sample reference records 100 killed at Deir ez-Zor: neither report matches it
    assert all(v["label"] != "match" for v in verdicts)
    # whichever report extraction places at Deir ez-Zor misses the figure, and says by how much
    found = [v for v in verdicts if v["details"].get("reference_id") == "ref-deir-ez-zor-2016-09-17"]
    assert found
    for v in found:
        assert v["label"] == "disagrees"
        assert any("vs reference 100: off by" in r and "> tolerance 10%" in r for r in v["reasons"])


def test_cli_credibility_verify_tolerance_options(seeds_dir: Path) -> None:
    args = ["verify", str(seeds_dir), "--reference", str(REF / "sample_incidents.csv"), "--json"]
    loose = _json(runner.invoke(app, [*args, "--count-tolerance", "40%"]))
    found = [v for v in loose if v["details"].get("reference_id") == "ref-deir-ez-zor-2016-09-17"]
    assert found
    for v in found:
        figures = [f for f in v["details"]["fields"] if f["field"].startswith("killed")]
        assert figures and all(f["status"] == "match" for f in figures)
        assert v["label"] in ("match", "partial")
    assert all(v["details"]["tolerances"]["count"] == pytest.approx(0.4) for v in loose)


def test_cli_credibility_verify_bad_map_is_e018(seeds_dir: Path) -> None:
    result = runner.invoke(app, ["verify", str(seeds_dir), "--reference",
                                 str(REF / "sample_incidents.csv"), "--map", "wrong=date"])
    assert isinstance(result.exception, CorroborateError) and result.exception.code == "E018"


def test_cli_credibility_consensus_and_show(seeds_db: str) -> None:
    verdicts = _json(runner.invoke(app, ["credibility", "consensus", "--db", seeds_db, "--json"]))
    validate(verdicts, "verdicts")
    by_id = {v["article_id"]: v for v in verdicts}
    # each seed contradicts the other's toll: 62 vs (up to) 80
    assert by_id[SEED_RT]["label"] == by_id[SEED_CENTCOM]["label"] == "contradicted"
    assert any(r.startswith("killed 62 vs 80") and "> tolerance 10%" in r
               for r in by_id[SEED_RT]["reasons"])
    assert any(r.startswith("killed") and "vs 62" in r and "> tolerance 10%" in r
               for r in by_id[SEED_CENTCOM]["reasons"])
    stored = _json(runner.invoke(app, ["credibility", "show", SEED_RT, "--db", seeds_db, "--json"]))
    # analyze stores claims, consensus and classifier verdicts; the command refreshed consensus
    assert sorted(v["kind"] for v in stored) == ["claims", "classifier", "consensus"]
    outlets = _json(runner.invoke(app, ["credibility", "show", "--outlets", "--db", seeds_db, "--json"]))
    assert sum(r["reports"] for r in outlets) == 2
    assert sum(r["contradicted"] for r in outlets) == 2
    table = runner.invoke(app, ["credibility", "show", "--outlets", "--db", seeds_db])
    assert table.exit_code == 0 and "RT News" in table.stdout


def test_cli_credibility_verify_stored_extractions(seeds_db: str) -> None:
    verdicts = _json(runner.invoke(app, ["verify", "--db", seeds_db, "--reference",
                                         str(REF / "sample_incidents.csv"), "--json"]))
    assert {v["article_id"] for v in verdicts} == {SEED_RT, SEED_CENTCOM}
    stored = _json(runner.invoke(app, ["credibility", "show", "--db", seeds_db, "--kind",
                                       "reference", "--json"]))
    assert len(stored) == 2


def test_cli_credibility_predict_with_default_model(seeds_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "pred.csv"
    result = runner.invoke(app, ["credibility", "predict", str(seeds_dir), "--output", str(out)])
    assert result.exit_code == 0, (result.output, result.exception)
    with out.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert [list(r) for r in rows][0] == ["id", "label", "probability", "reasons"]
    assert {r["id"] for r in rows} == {SEED_RT, SEED_CENTCOM}
    for r in rows:
        assert r["label"] in ("0", "1") and 0 <= float(r["probability"]) <= 1
        assert (float(r["probability"]) >= 0.5) == (r["label"] == "1")
        assert "toward" in r["reasons"]


LABELLED = [
    # invented sentences: credible ones cite monitors and agree, fake ones inflate
    ("Shelling killed 4 civilians in Homs on Monday, monitors said.", "sana", "1"),
    ("Monitors said 5 civilians were killed by shelling in Homs on Monday.", "nna", "1"),
    ("An air strike killed 3 people in Idlib on Friday, medics said.", "trt", "1"),
    ("Medics said 3 people died in an air strike in Idlib on Friday.", "sana", "1"),
    ("A car bomb killed 7 people in Aleppo on Sunday, police said.", "nna", "1"),
    ("Police said a car bomb killed 7 people in Aleppo on Sunday.", "trt", "1"),
    ("Hundreds massacred in Homs shelling, unnamed sources claim.", "manar", "0"),
    ("Unnamed sources claim 300 were massacred in Idlib air strike.", "ahram", "0"),
    ("Sources claim a car bomb massacred 500 in Aleppo.", "manar", "0"),
    ("Over 200 massacred in Aleppo, sources claim without evidence.", "ahram", "0"),
    ("Unverified sources claim 400 massacred in Homs.", "alalam", "0"),
    ("Sources allegedly claim 250 massacred in Idlib.", "alalam", "0"),
]


@pytest.fixture
def labelled_csv(tmp_path: Path) -> Path:
    path = tmp_path / "labelled.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "text", "outlet", "label"])
        for i, (text, outlet, label) in enumerate(LABELLED):
            w.writerow([f"t{i}", text, outlet, label])
    return path


def test_cli_credibility_train_predict_evaluate(labelled_csv: Path, tmp_path: Path) -> None:
    model = tmp_path / "m.joblib"
    result = runner.invoke(app, ["credibility", "train", "--data", str(labelled_csv), "--model",
                                 str(model), "--kind", "claims", "--quiet"])
    assert result.exit_code == 0, (result.output, result.exception)
    assert model.is_file()
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text(LABELLED[0][0], encoding="utf-8")
    verdicts = _json(runner.invoke(app, ["credibility", "predict", str(docs), "--model", str(model),
                                         "--json"]))
    validate(verdicts, "verdicts")
    assert [v["article_id"] for v in verdicts] == ["a"]
    assert verdicts[0]["kind"] == "classifier" and verdicts[0]["reasons"]
    labels = tmp_path / "labels.csv"
    labels.write_text("row,unit_id,label_realigned\n" + "".join(
        f"{i},u{i},{lab}\n" for i, (_, _, lab) in enumerate(LABELLED)), encoding="utf-8")
    res = _json(runner.invoke(app, ["evaluate", "credibility", "--data", str(labelled_csv),
                                    "--labels", str(labels), "--no-reference", "--kinds",
                                    "outlet,text", "--folds", "2", "--json", "--quiet"]))
    assert res["n"] == len(LABELLED) and res["reference"] is None
    assert set(res["schemes"]) == {"stratified", "by_outlet", "within_camp"}
    assert set(res["per_outlet"]) == {o for _, o, _ in LABELLED}
    assert sum(res["halves"]["sizes"].values()) == len(LABELLED)
    # the same command under the credibility group
    again = _json(runner.invoke(app, ["credibility", "evaluate", "--data", str(labelled_csv),
                                      "--labels", str(labels), "--no-reference", "--kinds",
                                      "outlet,text", "--folds", "2", "--json", "--quiet"]))
    assert again["schemes"] == res["schemes"]


def test_cli_credibility_train_without_labels_is_e053(tmp_path: Path) -> None:
    data = tmp_path / "x.csv"
    data.write_text("text\nHello there.\n", encoding="utf-8")
    result = runner.invoke(app, ["credibility", "train", "--data", str(data), "--model",
                                 str(tmp_path / "m.joblib")])
    assert isinstance(result.exception, CorroborateError) and result.exception.code == "E053"


def test_cli_credibility_predict_missing_model_is_e052(seeds_dir: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["credibility", "predict", str(seeds_dir), "--model",
                                 str(tmp_path / "none.joblib")])
    assert isinstance(result.exception, CorroborateError) and result.exception.code == "E052"


def test_cli_credibility_paths_with_db_store_verdicts(seeds_dir: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "v.db")
    result = runner.invoke(app, ["credibility", "predict", str(seeds_dir), "--db", db, "--json"])
    assert result.exit_code == 0, (result.output, result.exception)
    result = runner.invoke(app, ["verify", str(seeds_dir), "--db", db, "--reference",
                                 str(REF / "sample_victims.csv"), "--json"])
    assert result.exit_code == 0, (result.output, result.exception)
    stored = _json(runner.invoke(app, ["credibility", "show", SEED_RT, "--db", db, "--json"]))
    assert sorted(v["kind"] for v in stored) == ["classifier", "reference"]
    validate(stored, "verdicts")


def test_cli_credibility_outlets_after_analyze(seeds_dir: Path, tmp_path: Path) -> None:
    from corroborate.analyze import analyze
    from corroborate.app import Corroborate
    from corroborate.config import Settings

    db = str(tmp_path / "fresh.db")
    with Corroborate(Settings(db=db)) as corr:
        analyze(corr, [seeds_dir])
    outlets = _json(runner.invoke(app, ["credibility", "show", "--outlets", "--db", db, "--json"]))
    assert sum(r["reports"] for r in outlets) == 2
    # analyze itself stored the consensus verdicts the track record is built from
    listed = _json(runner.invoke(app, ["credibility", "show", "--db", db, "--json"]))
    assert {v["kind"] for v in listed} >= {"consensus"}
    missing = runner.invoke(app, ["credibility", "show", "no-such-article", "--db", db])
    assert isinstance(missing.exception, CorroborateError) and missing.exception.code == "E043"


def test_cli_credibility_predict_reads_the_configured_model(seeds_dir: Path, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    config = tmp_path / "c.toml"
    config.write_text('credibility_model = "gone.joblib"\n', encoding="utf-8")
    monkeypatch.setenv("CORROBORATE_CONFIG", str(config))
    result = runner.invoke(app, ["credibility", "predict", str(seeds_dir)])
    # the configured model, not a silent fall back to the shipped one
    assert isinstance(result.exception, CorroborateError) and result.exception.code == "E052"
    assert str(tmp_path / "gone.joblib") in str(result.exception)
