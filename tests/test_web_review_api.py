"""The review API: every operation with named tokens, 409 on stale edits, 308 for a
merged-away id, the log and the export, and the OpenAPI document."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from corroborate import schema
from corroborate.analyze import analyze
from corroborate.app import Corroborate
from corroborate.config import Settings, parse_tokens
from corroborate.errors import CorroborateError
from review_corpus import REPORTS

ALICE, BOB = "alice-token-0123456789", "bob-token-9876543210"
TOKENS = {"alice": ALICE, "bob": BOB}


def _auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture
def review_db(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in REPORTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    db = tmp_path / "r.db"
    with Corroborate(Settings(db=str(db))) as app:
        analyze(app, [folder])
    return db


def _incident_of(client: Any, article_id: str) -> dict[str, Any]:
    (summary,) = client.get(f"/api/v1/articles/{article_id}").json()["incidents"]
    body: dict[str, Any] = client.get(f"/api/v1/incidents/{summary['id']}").json()
    return body


def test_web_review_api_every_operation(make_client: Any, review_db: Path) -> None:
    client = make_client(db=review_db, tokens=TOKENS)
    manbij, idlib = _incident_of(client, "alpha"), _incident_of(client, "delta")
    assert manbij["review"] == {"status": "unreviewed", "version": 0}
    value = client.get("/api/v1/review/value", params={"article_id": "alpha",
                                                       "field": "killed"}).json()
    assert value["value"] == 12 and value["version"] == 0
    r = client.post("/api/v1/review/set", headers=_auth(ALICE), json={
        "article_id": "alpha", "field": "killed", "value": 14, "reason": "recount",
        "base_version": 0})
    assert r.status_code == 200 and r.json()["who"] == "alice"
    # bob edits from the same version alice did: a conflict with the current value
    r = client.post("/api/v1/review/set", headers=_auth(BOB), json={
        "article_id": "alpha", "field": "killed", "value": 15, "reason": "other count",
        "base_version": 0})
    assert r.status_code == 409
    assert r.json()["error"]["code"] == "E137" and r.json()["error"]["context"]["current"] == 14
    r = client.post("/api/v1/review/status", headers=_auth(BOB), json={
        "incident_id": manbij["id"], "status": "disputed", "reason": "tolls differ",
        "base_version": 0})
    assert r.status_code == 200
    assert _incident_of(client, "alpha")["review"]["status"] == "disputed"
    r = client.post("/api/v1/review/move", headers=_auth(ALICE), json={
        "article_id": "beta", "to_incident": idlib["id"], "reason": "test"})
    assert r.status_code == 200
    r = client.post("/api/v1/review/split", headers=_auth(ALICE), json={
        "incident_id": idlib["id"], "reports": [{"article_id": "beta"}], "reason": "test"})
    assert r.status_code == 200
    beta = _incident_of(client, "beta")
    r = client.post("/api/v1/review/merge", headers=_auth(BOB), json={
        "incident_id": beta["id"], "other_incident_id": manbij["id"], "reason": "one event"})
    assert r.status_code == 200
    survivor = r.json()["new"]
    gone = beta["id"] if survivor == manbij["id"] else manbij["id"]
    r = client.get(f"/api/v1/incidents/{gone}", follow_redirects=False)
    assert r.status_code == 308 and r.headers["location"].endswith(f"/incidents/{survivor}")
    log = client.get("/api/v1/review/log").json()
    assert [e["action"] for e in log] == ["set", "status", "move", "split", "merge"]
    assert [e["who"] for e in log] == ["alice", "bob", "alice", "alice", "bob"]
    r = client.post("/api/v1/review/undo", headers=_auth(ALICE),
                    json={"seq": log[-1]["seq"], "reason": "too quick"})
    assert r.status_code == 200 and r.json()["undoes"] == log[-1]["seq"]
    for e in client.get("/api/v1/review/log").json():
        schema.validate(e, "review")
    assert [e["action"] for e in client.get(
        "/api/v1/review/log", params={"article_id": "alpha"}).json()][:2] == ["set", "status"]
    lines = client.get("/api/v1/review/export").text.splitlines()
    assert len(lines) == 1 and '"killed": 14' in lines[0]


def test_web_review_api_needs_a_token_and_says_what_is_wrong(make_client: Any,
                                                              review_db: Path) -> None:
    client = make_client(db=review_db, tokens=TOKENS)
    body = {"article_id": "alpha", "field": "killed", "value": 3, "reason": "r"}
    assert client.post("/api/v1/review/set", json=body).status_code == 401
    assert client.post("/api/v1/review/set", json=body,
                       headers=_auth("nope-nope-nope")).status_code == 401
    r = client.post("/api/v1/review/set", headers=_auth(ALICE), json={**body, "field": "kiled"})
    assert r.status_code == 400 and r.json()["error"]["code"] == "E135"
    r = client.post("/api/v1/review/set", headers=_auth(ALICE), json={**body, "value": "lots"})
    assert r.status_code == 400 and r.json()["error"]["code"] == "E136"
    r = client.post("/api/v1/review/set", headers=_auth(ALICE), json={**body, "reason": ""})
    assert r.status_code == 422
    r = client.post("/api/v1/review/undo", headers=_auth(ALICE), json={"seq": 99, "reason": "r"})
    assert r.status_code == 409 and r.json()["error"]["code"] == "E142"
    r = client.post("/api/v1/review/undo", headers=_auth(ALICE), json={"seq": 2**63, "reason": "r"})
    assert r.status_code == 422
    # the unnamed CORROBORATE_TOKEN keeps working, recorded as "token"
    plain = make_client(db=review_db, token="plain-token-0123456789")
    r = plain.post("/api/v1/review/set", headers=_auth("plain-token-0123456789"), json=body)
    assert r.status_code == 200 and r.json()["who"] == "token"
    no_writes = make_client(db=review_db, token=None)
    assert no_writes.post("/api/v1/review/set", json=body).status_code == 403


def test_web_review_api_is_in_openapi(make_client: Any, review_db: Path) -> None:
    paths = make_client(db=review_db).get("/api/v1/openapi.json").json()["paths"]
    for op in ("set", "move", "split", "merge", "status", "undo"):
        assert "409" in paths[f"/api/v1/review/{op}"]["post"]["responses"]
    assert {"/api/v1/review/log", "/api/v1/review/value", "/api/v1/review/export"} <= set(paths)


def test_web_review_named_tokens_parse(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    assert parse_tokens("alice:T1, bob:T2", "env") == {"alice": "T1", "bob": "T2"}
    assert parse_tokens("# reviewers\nalice:T1\n\nbob:T2\n", "f") == {"alice": "T1", "bob": "T2"}
    for bad in ("alice", "alice:", ":T1", "alice:T1,alice:T2", "alice:T1,bob:T1"):
        with pytest.raises(CorroborateError) as exc:
            parse_tokens(bad, "CORROBORATE_TOKENS")
        assert exc.value.code == "E143"
    tokens_file = tmp_path / "tokens"
    tokens_file.write_text("carol:T3\n", encoding="utf-8")
    monkeypatch.setenv("CORROBORATE_TOKENS", "alice:T1")
    monkeypatch.setenv("CORROBORATE_TOKENS_FILE", str(tokens_file))
    assert Settings.load().tokens == {"carol": "T3", "alice": "T1"}


def test_web_review_forms_take_the_token_field_and_stay_on_site(make_client: Any,
                                                                 review_db: Path) -> None:
    client = make_client(db=review_db, tokens=TOKENS)
    form = {"article_id": "alpha", "field": "place", "value": "Manbij", "reason": "r",
            "next": "/articles/alpha"}
    r = client.post("/review/set", data=form, follow_redirects=False)
    assert r.status_code == 401 and "E062" in r.text
    r = client.post("/review/set", data={**form, "token": BOB}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/articles/alpha#review-history"
    assert client.get("/api/v1/review/log").json()[-1]["who"] == "bob"
    # a "next" that leaves the site is ignored: no open redirect
    r = client.post("/review/set", data={**form, "token": BOB, "value": "Aleppo",
                                         "next": "//evil.example/"}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/incidents")
    r = client.post("/review/set", data={**form, "token": BOB, "base_version": "0"})
    assert r.status_code == 409 and "E137" in r.text and "current value: Aleppo" in r.text
    page = client.get("/articles/alpha").text
    assert 'data-field="place"' in page and "review-history" in page
