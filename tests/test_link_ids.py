"""Stable incident ids: kept on re-analysis, the older id survives a merge, the larger part
of a split keeps the id, merged-away ids redirect (`corroborate.link.ids`)."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest

from corroborate.analyze import analyze
from corroborate.app import Corroborate
from corroborate.config import Settings
from corroborate.errors import CorroborateError
from corroborate.link.ids import assign_ids
from corroborate.store import IdChange
from test_analyze_pipeline import TINY


def inc(iid: str, *keys: tuple[str, int]) -> dict:
    return {"id": iid, "reports": [{"article_id": a, "incident_index": k} for a, k in keys]}


def test_link_ids_added_report_keeps_the_id() -> None:
    new = [inc("inc-hash", ("a", 0), ("b", 0), ("c", 0))]
    assert assign_ids(new, {"inc-old": [("a", 0), ("b", 0)]}, {"inc-old": 1}) == []
    assert new[0]["id"] == "inc-old"


def test_link_ids_merge_keeps_the_older_id_and_redirects_the_other() -> None:
    new = [inc("inc-hash", ("a", 0), ("b", 0))]
    changes = assign_ids(new, {"inc-young": [("a", 0)], "inc-old": [("b", 0)]},
                         {"inc-young": 5, "inc-old": 2})
    assert new[0]["id"] == "inc-old"
    assert [(c.old, c.new) for c in changes] == [("inc-young", "inc-old")]


def test_link_ids_split_larger_part_keeps_the_id() -> None:
    new = [inc("inc-small", ("a", 0)), inc("inc-big", ("b", 0), ("c", 0))]
    changes = assign_ids(new, {"inc-old": [("a", 0), ("b", 0), ("c", 0)]}, {"inc-old": 1})
    assert changes == []
    assert [i["id"] for i in new] == ["inc-small", "inc-old"]


def test_link_ids_reviewed_id_is_kept() -> None:
    new = [inc("grp-reviewer", ("a", 0), ("b", 0))]
    changes = assign_ids(new, {"inc-old": [("a", 0), ("b", 0)]}, {"inc-old": 1},
                         fixed={"grp-reviewer"})
    assert new[0]["id"] == "grp-reviewer"
    assert [(c.old, c.new) for c in changes] == [("inc-old", "grp-reviewer")]


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in TINY.items():
        if name != "empty.txt":
            (folder / name).write_text(text, encoding="utf-8")
    return folder


def _by_members(incidents: list[dict]) -> dict[frozenset, str]:
    return {frozenset((r["article_id"], r["incident_index"]) for r in i["reports"]): i["id"]
            for i in incidents}


def test_link_ids_survive_a_reanalysis_with_a_new_report(corpus: Path, tmp_path: Path) -> None:
    later = tmp_path / "later"
    later.mkdir()
    shutil.move(corpus / "beta.md", later / "beta.md")
    with Corroborate(Settings.load(db=str(tmp_path / "t.db"))) as app:
        first = analyze(app, [corpus]).incidents
        bombing = next(i for i in first if "Manbij" in (i["label"] + str(i.get("place"))))
        second = analyze(app, [later]).incidents
        # the second report of the bombing joined it: same incident, same id
        grown = next(i for i in second if bombing["reports"][0]["article_id"]
                     in {r["article_id"] for r in i["reports"]})
        assert len(grown["reports"]) == 2
        assert grown["id"] == bombing["id"]
        assert {i["id"] for i in first} <= {i["id"] for i in second}
        # and a run with nothing new changes nothing
        third = analyze(app, []).incidents
        assert _by_members(third) == _by_members(second)


def test_link_ids_analyze_is_deterministic_whatever_the_order(corpus: Path, tmp_path: Path) -> None:
    files = sorted(corpus.iterdir())
    results = []
    for n, order in enumerate([files, files[::-1], random.Random(3).sample(files, len(files))]):
        with Corroborate(Settings.load(db=str(tmp_path / f"o{n}.db"))) as app:
            once = analyze(app, order).incidents
            twice = analyze(app, []).incidents
            assert _by_members(once) == _by_members(twice)
            results.append(_by_members(once))
    assert results[0] == results[1] == results[2]


def test_link_ids_store_redirects_merged_ids(tmp_path: Path, corpus: Path) -> None:
    with Corroborate(Settings.load(db=str(tmp_path / "t.db"))) as app:
        incidents = analyze(app, [corpus]).incidents
        live = incidents[0]["id"]
        store = app.store
        assert store.resolve_incident_id(live) == live
        assert store.resolve_incident_id("inc-never") is None
        store.record_incident_ids([live], [IdChange("inc-gone", live, "merged by a test")])
        store.record_incident_ids([live], [IdChange("inc-older", "inc-gone", "merged by a test")])
        assert store.resolve_incident_id("inc-gone") == live
        assert store.resolve_incident_id("inc-older") == live  # through the chain
        assert [h["id"] for h in store.incident_id_history(live)] == ["inc-gone", "inc-older"]
        # the public call a reviewer's merge uses; a self-redirect is refused
        other = "inc-reviewed"
        store.record_incident_id_change(other, live, "reviewer merged them")
        assert store.resolve_incident_id(other) == live
        for old, new in ((live, live), ("inc-x", "inc-not-stored")):
            with pytest.raises(CorroborateError) as exc:
                store.record_incident_id_change(old, new, "no")
            assert exc.value.code == "E181"
        # an id that names an incident again loses its redirect
        store.record_incident_ids([other])
        assert store.resolve_incident_id(other) == other


def test_link_ids_web_and_api_answer_merged_ids_with_308(make_client, demo_db: Path) -> None:
    from corroborate.store import IncidentQuery, open_store

    with open_store(str(demo_db)) as store:
        live = store.list_incidents(IncidentQuery(limit=1))[0][0]["id"]
        store.record_incident_ids([live], [IdChange("inc-merged0001", live, "merged by a test")])
    client = make_client(token=None)
    page = client.get("/incidents/inc-merged0001", follow_redirects=False)
    assert page.status_code == 308 and page.headers["location"] == f"/incidents/{live}"
    api = client.get("/api/v1/incidents/inc-merged0001", follow_redirects=False)
    assert api.status_code == 308 and api.headers["location"] == f"/api/v1/incidents/{live}"
    assert client.get("/incidents/inc-merged0001").status_code == 200
    assert client.get("/incidents/inc-never-given").status_code == 404


def test_link_ids_cli_notes_a_merged_id(demo_db: Path) -> None:
    from typer.testing import CliRunner

    from corroborate.cli import app as cli
    from corroborate.store import IncidentQuery, open_store

    with open_store(str(demo_db)) as store:
        live = store.list_incidents(IncidentQuery(limit=1))[0][0]["id"]
        store.record_incident_ids([live], [IdChange("inc-merged0002", live, "merged by a test")])
    result = CliRunner().invoke(cli, ["incident", "inc-merged0002", "--db", str(demo_db)])
    assert result.exit_code == 0, result.output
    assert f"inc-merged0002 was merged into {live}" in result.output


def test_link_ids_incident_page_and_report_show_why_reports_were_linked(
        make_client, demo_db: Path, tmp_path: Path) -> None:
    from corroborate import schema
    from corroborate.compare import VERSION
    from corroborate.report import write_report
    from corroborate.store import IncidentQuery, open_store

    with open_store(str(demo_db)) as store:
        rows, _ = store.list_incidents(IncidentQuery(limit=500))
        articles = {a.id: a for a in store.iter_articles()}
    multi = next(i for i in rows if len(i["reports"]) > 1)
    schema.validate({"version": VERSION, "incidents": rows}, "incidents")
    assert len(multi["links"]) == len(multi["reports"]) - 1  # one merge per join
    why = multi["links"][0]
    assert why["rule"].startswith("pair score") and 0 <= why["text_similarity"] <= 1
    page = make_client(token=None).get(f"/incidents/{multi['id']}").text
    assert "Why these reports were linked" in page and why["rule"].split(",")[0] in page
    out = tmp_path / "r.html"
    write_report(out, [multi], articles)
    assert "Why these reports were linked" in out.read_text(encoding="utf-8")
