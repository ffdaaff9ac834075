"""The JSON API: each endpoint, filters, auth and bad requests."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest

from corroborate.store import IncidentQuery, open_store
from web_fixtures import DEIR_TASS, TOKEN

AUTH = {"Authorization": f"Bearer {TOKEN}"}
ARTICLE = {"title": "Car bomb kills 9 in Azaz", "outlet": "Test Wire", "published": "2016-10-03",
           "text": "A car bomb killed 9 people at a checkpoint in Azaz on Monday, a monitor "
                   "said. At least 20 others were wounded in the blast."}


def _all(db: Path) -> list[dict[str, Any]]:
    with open_store(str(db)) as store:
        rows, _ = store.list_incidents(IncidentQuery(limit=1000))
    return rows


def test_web_incidents_lists_every_stored_incident(make_client: Any, demo_db: Path) -> None:
    stored = _all(demo_db)
    r = make_client().get("/api/v1/incidents", params={"limit": 500})
    assert r.status_code == 200
    body = r.json()
    assert body["total"] == len(stored) > 0
    assert {i["id"] for i in body["incidents"]} == {i["id"] for i in stored}


def test_web_incidents_filters_match_the_store(make_client: Any, demo_db: Path) -> None:
    client = make_client()
    stored = _all(demo_db)
    with_contra = {i["id"] for i in stored if i["contradictions"]}
    r = client.get("/api/v1/incidents", params={"has_contradictions": "true", "limit": 500})
    assert {i["id"] for i in r.json()["incidents"]} == with_contra
    r = client.get("/api/v1/incidents", params={"place": "deir ez-zor"})
    labels = [i["label"] for i in r.json()["incidents"]]
    assert labels and all("Deir ez-Zor" in label for label in labels)
    grade = stored[0]["grade"]["label"]
    r = client.get("/api/v1/incidents", params={"grade": grade, "limit": 500})
    assert r.json()["total"] == sum(1 for i in stored if i["grade"]["label"] == grade)
    r = client.get("/api/v1/incidents", params={"q": "Qamishli"})
    assert r.json()["total"] >= 1
    assert all(i["place"] == "Qamishli" for i in r.json()["incidents"])
    r = client.get("/api/v1/incidents", params={"date_from": "2017-01-01", "limit": 500})
    assert all(i["date"] >= "2017-01-01" for i in r.json()["incidents"])
    assert r.json()["total"] == sum(1 for i in stored if i["date"] and i["date"] >= "2017-01-01")


def test_web_incidents_sort_and_pages(make_client: Any) -> None:
    client = make_client()
    killed = [i["killed"] for i in client.get("/api/v1/incidents",
                                              params={"sort": "-killed"}).json()["incidents"]
              if i["killed"] is not None]
    assert killed == sorted(killed, reverse=True) and len(killed) > 1
    full = client.get("/api/v1/incidents", params={"limit": 500}).json()["incidents"]
    page = client.get("/api/v1/incidents", params={"limit": 3, "offset": 3}).json()
    assert [i["id"] for i in page["incidents"]] == [i["id"] for i in full[3:6]]
    assert page["limit"] == 3 and page["offset"] == 3


def test_web_incidents_csv_export(make_client: Any) -> None:
    client = make_client()
    total = client.get("/api/v1/incidents").json()["total"]
    r = client.get("/api/v1/incidents", params={"format": "csv"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert len(rows) == total and {"id", "label", "killed", "grade"} <= set(rows[0])


def test_web_incident_detail_and_404(make_client: Any, demo_db: Path) -> None:
    client = make_client()
    deir = next(i for i in _all(demo_db) if (i.get("place") or {}).get("name") == "Deir ez-Zor"
                and len(i["reports"]) > 2)
    r = client.get(f"/api/v1/incidents/{deir['id']}")
    assert r.status_code == 200
    body = r.json()
    assert body["matrix"]["rows"] and body["consensus"]["killed"]["conservative"] is not None
    reference = [v for v in body["verdicts"][DEIR_TASS] if v["kind"] == "reference"]
    assert reference and reference[0]["label"] == "consistent"
    r = client.get("/api/v1/incidents/inc-doesnotexist")
    assert r.status_code == 404 and r.json()["error"]["code"] == "E044"


def test_web_article_detail_offsets_point_at_the_text(make_client: Any) -> None:
    client = make_client()
    r = client.get(f"/api/v1/articles/{DEIR_TASS}")
    assert r.status_code == 200
    body = r.json()
    text = body["full_text"]
    assert body["annotations"]
    kinds = {a["kind"] for a in body["annotations"]}
    assert {"casualty", "place", "attribution"} <= kinds
    for a in body["annotations"]:
        assert text[a["start"]:a["end"]].strip()
    assert any("62" in text[a["start"]:a["end"]] for a in body["annotations"]
               if a["kind"] == "casualty")
    assert body["incidents"] and body["verdicts"]
    r = client.get("/api/v1/articles/no-such-article")
    assert r.status_code == 404 and r.json()["error"]["code"] == "E043"


def test_web_outlets_counts_add_up(make_client: Any) -> None:
    r = make_client().get("/api/v1/outlets")
    assert r.status_code == 200
    rows = r.json()["outlets"]
    assert any(o["outlet"] == "TASS" for o in rows)
    for o in rows:
        assert o["above"] + o["below"] + o["agrees"] == o["with_figure"] <= o["reports"]
    assert sum(o["contradicts"] for o in rows) > 0
    csv_text = make_client().get("/api/v1/outlets", params={"format": "csv"}).text
    assert csv_text.splitlines()[0].startswith("outlet,")


def test_web_outlets_follow_a_reanalysis_by_another_process(make_client: Any,
                                                            demo_db: Path) -> None:
    client = make_client(db=demo_db)
    before = {o["outlet"]: o["reports"] for o in client.get("/api/v1/outlets").json()["outlets"]}
    assert before.get("TASS")
    # another process drops every incident TASS reported: no job of this app ran
    with open_store(str(demo_db)) as store:
        rows, _ = store.list_incidents(IncidentQuery(limit=1000))
        store.replace_incidents([r for r in rows
                                 if "TASS" not in {x.get("outlet") for x in r["reports"]}])
    after = {o["outlet"]: o["reports"] for o in client.get("/api/v1/outlets").json()["outlets"]}
    assert "TASS" not in after and after != before


# --- writes ------------------------------------------------------------------------

def test_web_post_refused_without_configured_token(make_client: Any) -> None:
    r = make_client(token=None).post("/api/v1/articles", json=ARTICLE,
                                     headers={"Authorization": "Bearer anything"})
    assert r.status_code == 403
    assert r.json()["error"]["code"] == "E062" and "CORROBORATE_TOKEN" in r.json()["error"]["message"]


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer wrong"},
                                     {"Authorization": f"Basic {TOKEN}"}])
def test_web_post_needs_the_right_bearer_token(make_client: Any, headers: dict[str, str]) -> None:
    r = make_client().post("/api/v1/articles", json=ARTICLE, headers=headers)
    assert r.status_code == 401
    assert r.headers["www-authenticate"] == "Bearer"
    assert r.json()["error"]["code"] == "E062"


def test_web_post_stores_and_runs_the_pipeline(make_client: Any) -> None:
    client = make_client()
    r = client.post("/api/v1/articles", params={"wait": "true"}, json=ARTICLE, headers=AUTH)
    assert r.status_code == 200, r.text
    body = r.json()
    [stored] = body["articles"]
    assert stored["status"] == "added" and stored["id"] == "car-bomb-kills-9-in-azaz"
    assert body["job"]["state"] == "done" and body["job"]["incidents"] > 0
    art = client.get(f"/api/v1/articles/{stored['id']}").json()
    assert art["article"]["provenance"][0]["source"] == "api"
    assert art["incidents"], "the new article was linked into an incident"
    assert any(a["kind"] == "casualty" for a in art["annotations"])
    job = client.get(body["status_url"]).json()
    assert job["state"] == "done"
    # the same text again is the same article
    again = client.post("/api/v1/articles", json=[ARTICLE], headers=AUTH)
    assert again.status_code == 202
    assert again.json()["articles"] == [{**stored, "status": "duplicate"}]


def test_web_post_rejects_bad_bodies(make_client: Any) -> None:
    client = make_client()
    for bad in ({"title": "no text"}, {**ARTICLE, "published": "03/10/2016"},
                {**ARTICLE, "surprise": 1}, [], {**ARTICLE, "text": ""}):
        r = client.post("/api/v1/articles", json=bad, headers=AUTH)
        assert r.status_code == 422, (bad, r.text)
        assert r.json()["detail"]
    r = client.post("/api/v1/articles", json={**ARTICLE, "published": "2016-02-30"},
                    headers=AUTH)
    assert r.status_code == 422 and r.json()["error"]["code"] == "E015"
    r = client.post("/api/v1/articles", content=b"{not json", headers={
        **AUTH, "Content-Type": "application/json"})
    assert r.status_code == 422


def test_web_post_wrong_type_and_oversize(make_client: Any) -> None:
    client = make_client(max_upload_bytes=1000)
    r = client.post("/api/v1/articles", content=b"title,text\na,b\n",
                    headers={**AUTH, "Content-Type": "text/csv"})
    assert r.status_code == 415 and r.json()["error"]["code"] == "E061"
    big = {**ARTICLE, "text": "word " * 400}
    r = client.post("/api/v1/articles", content=json.dumps(big).encode(),
                    headers={**AUTH, "Content-Type": "application/json"})
    assert r.status_code == 413 and r.json()["error"]["code"] == "E060"


def test_web_bad_query_parameters_are_422(make_client: Any) -> None:
    client = make_client()
    for params in ({"limit": 0}, {"limit": 100000}, {"grade": "bogus"},
                   {"date_from": "yesterday"}, {"sort": "id"}, {"offset": -1},
                   {"has_contradictions": "maybe"}, {"format": "xml"}):
        assert client.get("/api/v1/incidents", params=params).status_code == 422, params


def test_web_private_server_closes_reads(make_client: Any) -> None:
    client = make_client(private=True)
    assert client.get("/api/v1/incidents").status_code == 401
    assert client.get("/api/v1/incidents", headers=AUTH).status_code == 200
    assert client.get("/incidents").status_code == 401
    r = client.post("/login", data={"token": "wrong"})
    assert r.status_code == 401
    r = client.post("/login", data={"token": TOKEN}, follow_redirects=False)
    assert r.status_code == 303
    assert client.get("/incidents").status_code == 200  # the cookie now opens pages
    assert make_client(token=None, private=True).get("/api/v1/incidents").status_code == 403


def test_web_jobs_unknown_is_404(make_client: Any) -> None:
    assert make_client().get("/api/v1/jobs/0123456789abcdef").status_code == 404


def test_web_openapi_lists_the_endpoints(make_client: Any) -> None:
    schema = make_client().get("/api/v1/openapi.json").json()
    paths = set(schema["paths"])
    assert {"/api/v1/incidents", "/api/v1/incidents/{incident_id}",
            "/api/v1/articles/{article_id}", "/api/v1/outlets", "/api/v1/articles"} <= paths
    assert "requestBody" in schema["paths"]["/api/v1/articles"]["post"]
