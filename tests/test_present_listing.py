"""Incident lists: newest first, sortable by the spread of figures and by contradictions,
filtered by the same names on the CLI, the web page and the API; `analyze` without PATHS
analyses the store again."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from corroborate.cli import app
from corroborate.errors import CorroborateError
from corroborate.store import open_store

runner = CliRunner()


def _spread(row: dict[str, Any]) -> float | None:
    lo, hi = row["killed_min"], row["killed_max"]
    return None if lo is None or hi is None else hi - lo


def _listed_ids(html: str) -> list[str]:
    return re.findall(r'<a href="/incidents/(inc-[0-9a-f]+)"', html)


# --- web page and API ---------------------------------------------------------------

def test_present_list_opens_newest_first(make_client: Any) -> None:
    client = make_client()
    api = client.get("/api/v1/incidents", params={"limit": 500}).json()["incidents"]
    dates = [r["date"] for r in api if r["date"]]
    assert dates == sorted(dates, reverse=True)
    page = _listed_ids(client.get("/incidents").text)
    assert page == [r["id"] for r in api][:len(page)]
    # the header link on Date now turns the order round
    assert 'href="/incidents?sort=date"' in client.get("/incidents").text


def test_present_list_sorts_by_spread_and_contradictions(make_client: Any) -> None:
    client = make_client()
    rows = client.get("/api/v1/incidents", params={"sort": "-spread", "limit": 500}).json()
    spreads = [_spread(r) for r in rows["incidents"]]
    known = [s for s in spreads if s is not None]
    assert known == sorted(known, reverse=True) and known[0] > 0
    assert spreads[:len(known)] == known  # incidents without figures last
    assert [r["spread"] for r in rows["incidents"]] == spreads
    rows = client.get("/api/v1/incidents", params={"sort": "-contradictions",
                                                   "limit": 500}).json()["incidents"]
    counts = [r["contradictions"] for r in rows]
    assert counts == sorted(counts, reverse=True) and counts[0] >= 2
    html = client.get("/incidents", params={"sort": "-contradictions"}).text
    assert _listed_ids(html) == [r["id"] for r in rows][:len(_listed_ids(html))]
    assert '<option value="-spread"' in html and '<option value="-contradictions"' in html
    # sorted by contradictions, the header's link turns the order round
    assert 'href="/incidents?sort=contradictions"' in html


def test_present_list_filter_names_match_the_cli(make_client: Any) -> None:
    client = make_client()
    html = client.get("/incidents").text
    for name in ("q", "since", "until", "place", "actor", "cause", "grade", "contradictions",
                 "sort"):
        assert f'name="{name}"' in html, name
    for old in ("date_from", "date_to", "has_contradictions"):
        assert f'name="{old}"' not in html
    new = client.get("/api/v1/incidents", params={"since": "2016-09-01", "until": "2017-04-30",
                                                  "contradictions": "true"}).json()
    old = client.get("/api/v1/incidents", params={"date_from": "2016-09-01",
                                                  "date_to": "2017-04-30",
                                                  "has_contradictions": "true"}).json()
    assert new == old and new["total"] >= 1
    assert all("2016-09-01" <= r["date"] <= "2017-04-30" and r["contradictions"]
               for r in new["incidents"])
    # the page reads both; its own links use the new names
    page_new = client.get("/incidents", params={"since": "2016-09-01", "contradictions": "yes"})
    page_old = client.get("/incidents", params={"date_from": "2016-09-01",
                                                "has_contradictions": "yes"})
    assert _listed_ids(page_new.text) == _listed_ids(page_old.text) != []
    assert "since=2016-09-01" in page_old.text and "date_from=" not in page_old.text
    assert client.get("/incidents", params={"since": "2016-99"}).text.count("use YYYY-MM-DD")
    spec = client.get("/api/v1/openapi.json").json()
    params = {p["name"]: p for p in spec["paths"]["/api/v1/incidents"]["get"]["parameters"]}
    assert {"since", "until", "contradictions"} <= set(params)
    assert all(params[p].get("deprecated") for p in ("date_from", "date_to",
                                                     "has_contradictions"))


# --- CLI -------------------------------------------------------------------------------

def test_present_cli_incidents_newest_first_and_new_sorts(demo_db: Path) -> None:
    def ids(*args: str) -> list[dict[str, Any]]:
        r = runner.invoke(app, ["incidents", "--db", str(demo_db), "--json", *args])
        assert r.exit_code == 0, r.output
        return list(json.loads(r.stdout)["incidents"])

    dates = [i["date"] for i in ids() if i["date"]]
    assert dates == sorted(dates, reverse=True)
    by_spread = ids("--sort", "-spread")
    spreads = [(i["consensus"]["killed"]["max"] or 0) - (i["consensus"]["killed"]["min"] or 0)
               for i in by_spread if i["consensus"]["killed"]["min"] is not None]
    assert spreads == sorted(spreads, reverse=True)
    counts = [len(i["contradictions"]) for i in ids("--sort", "-contradictions")]
    assert counts == sorted(counts, reverse=True)
    bombs = ids("--cause", "car_bomb")
    assert bombs and all(i["cause"] == "car_bomb" for i in bombs)
    r = runner.invoke(app, ["incidents", "--db", str(demo_db), "--sort", "spreadest"])
    assert r.exit_code != 0


def test_present_cli_analyze_without_paths_reanalyses_the_store(demo_db: Path,
                                                                tmp_path: Path) -> None:
    before = runner.invoke(app, ["incidents", "--db", str(demo_db), "--json", "--limit", "500"])
    r = runner.invoke(app, ["analyze", "--db", str(demo_db), "--quiet"])
    assert r.exit_code == 0, r.output
    after = runner.invoke(app, ["incidents", "--db", str(demo_db), "--json", "--limit", "500"])
    assert [i["id"] for i in json.loads(after.stdout)["incidents"]] == \
        [i["id"] for i in json.loads(before.stdout)["incidents"]]
    # a store with no articles is an error, not an empty success
    open_store(str(tmp_path / "empty.db")).close()
    r = runner.invoke(app, ["analyze", "--db", str(tmp_path / "empty.db")])
    assert isinstance(r.exception, CorroborateError) and r.exception.code == "E130"
