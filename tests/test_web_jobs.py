"""Background pipeline jobs: status shared through the store, runs that see every article."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from corroborate.app import Corroborate
from corroborate.config import Settings
from corroborate.models import Article
from corroborate.store import IncidentQuery
from web_fixtures import TOKEN

AUTH = {"Authorization": f"Bearer {TOKEN}"}
ARTICLE = {"title": "Shelling kills 4 in Jisr al-Shughur", "outlet": "Test Wire",
           "published": "2016-11-02",
           "text": "Shelling killed 4 civilians in Jisr al-Shughur on Tuesday, a local "
                   "council said. Seven others were hurt."}


def test_web_jobs_status_is_answered_by_any_server_process(make_client: Any,
                                                          demo_db: Path) -> None:
    # two apps over one store stand for two `serve --workers 2` processes
    first, second = make_client(db=demo_db), make_client(db=demo_db)
    r = first.post("/api/v1/articles", params={"wait": "true"}, json=ARTICLE, headers=AUTH)
    assert r.status_code == 200, r.text
    job = r.json()["job"]
    seen = second.get(f"/api/v1/jobs/{job['id']}")
    assert seen.status_code == 200, seen.text
    assert seen.json() == job and job["state"] == "done" and job["finished"]
    page = second.get(f"/ingest/jobs/{job['id']}")
    assert page.status_code == 200 and job["added"][0] in page.text
    assert second.get("/api/v1/jobs/ffffffffffffffff").status_code == 404


def test_web_jobs_run_again_when_articles_arrive_meanwhile(tmp_path: Path,
                                                          monkeypatch: Any) -> None:
    import corroborate.analyze as analyze_mod
    from corroborate.web.jobs import JobRunner

    app = Corroborate(Settings(db=str(tmp_path / "race.db")))
    app.store.add_articles([Article(id="a1", title="Airstrike kills 5 in Idlib",
                                    text="An airstrike killed 5 people in Idlib on Monday.",
                                    outlet="Wire A", published="2016-10-03")])
    real = analyze_mod.analyze
    calls: list[int] = []

    def racing(app_: Corroborate, paths: Any, **kw: Any) -> Any:
        result = real(app_, paths, **kw)
        calls.append(result.articles)
        if len(calls) == 1:
            # another server process stores an article after this run read the store
            app_.store.add_articles([Article(
                id="a2", title="Car bomb kills 8 in Azaz",
                text="A car bomb killed 8 people in Azaz on Tuesday.", outlet="Wire B",
                published="2016-10-04")])
        return result

    monkeypatch.setattr(analyze_mod, "analyze", racing)
    runner = JobRunner(app)
    try:
        job = runner.wait(runner.submit_articles([], []))
    finally:
        runner.shutdown()
    assert job.state == "done", job.error
    assert calls == [1, 2]
    incidents, _ = app.store.list_incidents(IncidentQuery(limit=100))
    linked = {r["article_id"] for inc in incidents for r in inc["reports"]}
    assert linked == {"a1", "a2"}
    app.close()
