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


def test_web_jobs_of_a_dead_server_are_interrupted_and_their_articles_linked(
        tmp_path: Path) -> None:
    import subprocess
    import sys

    from fastapi.testclient import TestClient

    from corroborate.web import create_app

    # a pid that surely belongs to no live process: a child that has exited
    child = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                           capture_output=True, text=True, check=True)
    dead_pid = int(child.stdout)
    db = tmp_path / "x.db"
    app = Corroborate(Settings(db=str(db), token=TOKEN))
    texts = ["An air strike killed 7 civilians in Aleppo on Sunday, medics said.",
             "An air strike on Aleppo on Sunday killed 9 civilians, rescuers said."]
    app.store.add_articles([Article(id=f"a{i}", text=t, published="2016-10-02")
                            for i, t in enumerate(texts)])
    # what a server killed during the link stage leaves behind
    app.store.put_job({"id": "killed-job", "state": "running", "stage": "link", "done": 0,
                       "total": 2, "added": ["a0", "a1"], "duplicates": [], "rejects": [],
                       "incidents": 0, "error": None, "finished": False, "created": 1.0,
                       "finished_at": None,
                       "owner": {"host": __import__("socket").gethostname(),
                                 "pid": dead_pid, "started": None}})
    with TestClient(create_app(app)) as client:
        old = client.get("/api/v1/jobs/killed-job").json()
        assert old["state"] == "interrupted"
        assert old["finished"] is True
        resumed = old["resumed_by"]
        for _ in range(600):
            job = client.get(f"/api/v1/jobs/{resumed}").json()
            if job["finished"]:
                break
            __import__("time").sleep(0.1)
        assert job["state"] == "done"
    from corroborate.web import data

    linked = {r["article_id"] for inc in data.iter_incidents(app.store)
              for r in inc["reports"]}
    app.close()
    assert linked == {"a0", "a1"}
