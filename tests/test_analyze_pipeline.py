"""`analyze`: the whole pipeline (ingest → extract → link → compare → store)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from corroborate import compare, schema
from corroborate.analyze import analyze, relink, run_demo, sample_corpus_files, summary_row
from corroborate.app import Corroborate
from corroborate.config import Settings
from corroborate.store import IncidentQuery

# invented reports of one (fictional) bombing with two tolls, and an unrelated story
TINY = {
    "alpha.md": """---
title: Car bomb kills 12 in Manbij market
outlet: Alpha News
published: 2017-03-10
---
A car bomb exploded in a crowded market in the northern Syrian town of Manbij on Friday,
killing 12 civilians and wounding 30 others, local officials said. Islamic State claimed
responsibility for the bombing in a statement.
""",
    "beta.md": """---
title: Manbij market bombing toll rises to 19
outlet: Beta Times
published: 2017-03-11
---
The death toll from Friday's car bomb attack on a market in Manbij rose to 19 people, a war
monitor said on Saturday. Dozens were injured when the vehicle exploded near the main square of
the town in Aleppo province.
""",
    "gamma.md": """---
title: Floods hit coastal towns
outlet: Gamma Daily
published: 2017-03-10
---
Heavy rain flooded streets in several coastal towns on Friday. Municipal crews cleared drains
through the night and schools stayed closed.
""",
    "empty.txt": "",
}


@pytest.fixture
def tiny_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in TINY.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def app(tmp_path: Path):
    with Corroborate(Settings.load(db=str(tmp_path / "t.db"))) as corr:
        yield corr


def _with(incidents, *article_ids):
    return [i for i in incidents if set(article_ids) <= {r["article_id"] for r in i["reports"]}]


def test_analyze_seeds_one_incident_with_toll_and_framing_contradictions(app, seeds_dir):
    result = analyze(app, [seeds_dir])
    ids = [a.id for a in app.store.iter_articles()]
    assert len(ids) == 2 and result.rejects == []
    both = _with(result.incidents, *ids)
    assert len(both) == 1, [summary_row(i) for i in result.incidents]
    inc = both[0]
    articles = {a.id: a for a in app.store.iter_articles()}
    fields = {c["field"]: c for c in inc["contradictions"]}
    assert "killed" in fields and "framing" in fields
    killed_sides = {s["value"]: s for s in fields["killed"]["sides"]}
    assert "62" in killed_sides and "up to 80" in killed_sides
    for value, side in killed_sides.items():
        assert side["evidence"], value
        for e in side["evidence"]:
            assert articles[e["article_id"]].full_text[e["start"]:e["end"]] == e["text"]
    assert {e["article_id"] for e in killed_sides["62"]["evidence"]} == {
        i for i in ids if i.startswith("rt-")}
    framing = {s["value"]: s for s in fields["framing"]["sides"]}
    assert set(framing) == {"deliberate", "mistake"}
    assert all(s["evidence"] for s in framing.values())
    assert inc["consensus"]["killed"]["conservative"] == 62
    schema.validate({"version": compare.VERSION, "incidents": result.incidents}, "incidents")


def test_analyze_tiny_corpus_stores_valid_incidents_and_keeps_rejects(app, tiny_dir):
    result = analyze(app, [tiny_dir])
    assert [r.code for r in result.rejects] == ["E002"]
    assert len(result.added) == 3 and result.extracted == 3
    schema.validate({"version": compare.VERSION, "incidents": result.incidents}, "incidents")
    stored, total = app.store.list_incidents(IncidentQuery(limit=100))
    assert total == len(result.incidents)
    assert {i["id"] for i in stored} == {i["id"] for i in result.incidents}
    # every stored article's (article, incident) pairs are in exactly one incident
    keys = [(r["article_id"], r["incident_index"]) for i in result.incidents for r in i["reports"]]
    assert len(keys) == len(set(keys)) == result.items
    manbij = _with(result.incidents, "alpha", "beta")
    assert len(manbij) == 1
    assert manbij[0]["consensus"]["killed"]["conservative"] == 12
    assert [c["field"] for c in manbij[0]["contradictions"]][:1] == ["killed"]
    assert not _with(result.incidents, "alpha", "gamma")


def test_analyze_rerun_is_idempotent(app, tiny_dir):
    first = analyze(app, [tiny_dir])
    second = analyze(app, [tiny_dir])
    assert second.added == [] and second.extracted == 0
    assert [i["id"] for i in second.incidents] == [i["id"] for i in first.incidents]
    assert app.store.count_articles() == 3


def test_analyze_new_report_joins_existing_incident(app, tiny_dir, tmp_path):
    analyze(app, [tiny_dir / "alpha.md"])
    later = analyze(app, [tiny_dir / "beta.md"])
    assert later.extracted == 1
    assert len(_with(later.incidents, "alpha", "beta")) == 1
    assert [i["id"] for i in relink(app)] == [i["id"] for i in later.incidents]


def test_analyze_progress_callback_sees_each_stage(app, tiny_dir):
    seen: list[tuple[str, int | None]] = []

    def progress(items, total, label):
        seen.append((label, total))
        return items

    analyze(app, [tiny_dir], progress=progress)
    labels = [s[0] for s in seen]
    assert labels[:2] == ["ingest", "extract"] and "compare" in labels
    assert dict(seen)["extract"] == 3


def test_analyze_sample_corpus_files_are_reports():
    files = sample_corpus_files()
    assert len(files) >= 20
    assert all(f.suffix == ".md" and f.name.lower() != "readme.md" for f in files)


def test_analyze_demo_writes_db_json_and_report(tmp_path):
    demo = run_demo(Settings(), tmp_path / "demo")
    assert demo.db.is_file() and demo.json_path.is_file() and demo.report_path.is_file()
    doc = json.loads(demo.json_path.read_text(encoding="utf-8"))
    schema.validate(doc, "incidents")
    assert doc["incidents"] == demo.analysis.incidents
    assert demo.analysis.rejects == []
    multi = demo.analysis.multi_report
    assert multi and any(i["contradictions"] for i in multi)
    # the corpus's Deir ez-Zor reports: one incident, the 62 vs up to 80 dispute flagged
    deir = [i for i in multi if (i["place"] or {}).get("admin1") == "Deir ez-Zor"
            and i["date"] == "2016-09-17"]
    assert len(deir) == 1 and len(deir[0]["reports"]) >= 3
    killed = next(c for c in deir[0]["contradictions"] if c["field"] == "killed")
    values = {s["value"] for s in killed["sides"]}
    assert "62" in values and "up to 80" in values
    html = demo.report_path.read_text(encoding="utf-8")
    assert all(f'id="{i["id"]}"' in html for i in doc["incidents"])
    # rebuilt from scratch: a second run gives the same incidents, not duplicates
    again = run_demo(Settings(), tmp_path / "demo")
    assert [i["id"] for i in again.analysis.incidents] == [i["id"] for i in doc["incidents"]]


@pytest.mark.slow
def test_analyze_fakes_whole_dataset(app, fakes_csv):
    result = analyze(app, [fakes_csv])
    assert result.read == 804 and result.rejects == []
    schema.validate({"version": compare.VERSION, "incidents": result.incidents}, "incidents")
    keys = [(r["article_id"], r["incident_index"]) for i in result.incidents for r in i["reports"]]
    assert len(keys) == len(set(keys))
    # every extracted incident of every article is in exactly one linked incident
    expected = {(e["id"], k) for e in app.store.iter_extractions()
                for k in range(len(e["incidents"]))}
    assert set(keys) == expected
    assert {i["id"] for i in result.incidents} == {
        i["id"] for i in app.store.list_incidents(IncidentQuery(limit=10_000))[0]}


@pytest.mark.parametrize("content", [None, b"not a joblib pickle"])
def test_analyze_missing_or_unreadable_model_is_e052_not_a_skip(tmp_path, tiny_dir, content):
    from corroborate.errors import CorroborateError

    model = tmp_path / "elsewhere" / "credibility.joblib"
    if content is not None:
        model.parent.mkdir()
        model.write_bytes(content)
    settings = Settings.load(db=str(tmp_path / "m.db"), credibility_model=model)
    with Corroborate(settings) as corr:
        with pytest.raises(CorroborateError) as err:
            analyze(corr, [tiny_dir])
        assert err.value.code == "E052" and str(model) in str(err.value)
        # what was done before the classifier is kept: incidents and consensus verdicts
        _, total = corr.store.list_incidents(IncidentQuery(limit=100))
        assert total > 0
        assert list(corr.store.iter_verdicts("consensus"))


def test_analyze_reads_the_model_the_settings_name(app, tiny_dir, tmp_path):
    import shutil

    from corroborate.credibility import default_model_path

    copy = tmp_path / "mine.joblib"
    shutil.copyfile(default_model_path(), copy)
    app.settings.credibility_model = copy
    result = analyze(app, [tiny_dir])
    assert result.verdicts["classifier"] == 3


def test_analyze_demo_uses_the_callers_settings(tmp_path):
    from corroborate.errors import CorroborateError

    missing = tmp_path / "no-model.joblib"
    with pytest.raises(CorroborateError) as err:
        run_demo(Settings(credibility_model=missing), tmp_path / "demo")
    # the caller's settings reached the pipeline (here: its model path); the store is the demo's
    assert err.value.code == "E052" and str(missing) in str(err.value)
    assert (tmp_path / "demo" / "demo.db").is_file()
