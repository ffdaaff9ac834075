"""Load benchmark of the web app: incident list and incident pages under 50 clients.

A store is filled with N synthetic incidents (default 10,000), generated
directly as incidents dicts and checked against ``incidents.schema.json`` (a
sample of them), then ``corroborate serve`` runs on it and wrk drives it with C
concurrent connections for D seconds over a mix of URLs:

* half incident-list pages (random page of 50, random sort, one filter in three:
  grade, place, has-contradictions, date range), and
* half incident pages (a random incident, with matrix and SVG charts).

It reports requests/s, p50/p95/p99 latency and the error count (socket errors
and non-2xx answers), for SQLite and PostgreSQL (a throwaway local server from
the PostgreSQL binaries, or ``CORROBORATE_TEST_PG_URL``).  Needs ``wrk``
(Debian: ``apt-get install -y wrk``).  Run::

    .venv/bin/python benchmarks/bench_web.py [--duration 60] [--backend sqlite postgres]

Results go to ``bench-output/web.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from corroborate import compare
from corroborate.schema import problems
from corroborate.store import open_store

# the throwaway PostgreSQL server is test support, beside the tests
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from pgtemp import postgres_url, server_bindir  # noqa: E402

OUT = Path("bench-output")
PLACES = [("Aleppo", "Aleppo", 36.20, 37.16), ("Idlib", "Idlib", 35.93, 36.63),
          ("Hama", "Hama", 35.13, 36.75), ("Homs", "Homs", 34.73, 36.71),
          ("Daraa", "Daraa", 32.62, 36.10), ("Deir ez-Zor", "Deir ez-Zor", 35.34, 40.14),
          ("Raqqa", "Raqqa", 35.95, 39.01), ("Douma", "Rif Dimashq", 33.57, 36.40),
          ("Qamishli", "Al-Hasakah", 37.05, 41.22), ("Palmyra", "Homs", 34.56, 38.27)]
OUTLETS = ["Reuters", "AFP", "SANA", "RT", "TASS", "Al Jazeera English", "BBC News",
           "Al Arabiya English", "TRT World", "Sputnik", "Rudaw", "The Guardian"]
CAUSES = ["airstrike", "shelling", "barrel_bomb", "car_bomb", "suicide_bombing", "chemical",
          "clashes", None]
ACTORS = ["Syrian government forces", "Russian forces", "US-led coalition", "Islamic State",
          "Syrian opposition", "Kurdish forces"]
GRADES = ["confirmed", "fair", "weak", "contested", "single_source"]
EMPTY_TOLL = {"total": None, "civilian": None, "noncivilian": None, "children": None,
              "women": None}


# --- synthetic incidents ------------------------------------------------------------

def _span(text: str, start: int = 0) -> dict[str, Any]:
    return {"start": start, "end": start + len(text), "text": text}


def synthetic_incident(i: int, rng: random.Random) -> dict[str, Any]:
    """One incident as compare would write it: 1-6 reports with figures and evidence."""
    name, admin1, lat, lon = rng.choice(PLACES)
    day = date(2012, 1, 1) + timedelta(days=rng.randrange(2400))
    cause = rng.choice(CAUSES)
    perp = rng.sample(ACTORS, rng.randint(0, 2))
    actors = sorted(set(perp + rng.sample(ACTORS, rng.randint(0, 2))))
    base = rng.randint(1, 150)
    n = min(6, 1 + int(rng.expovariate(0.6)))
    place = {"name": name, "admin1": admin1, "country": "SY", "lat": lat, "lon": lon}
    reports, rows, timeline, origins = [], [], [], []
    values: dict[int, list[str]] = {}
    for k in range(n):
        aid = f"bench-{i}-{k}"
        outlet = rng.choice(OUTLETS)
        killed = max(0, base + rng.randint(-base // 4, base // 4))
        phrase = f"killing {killed} people"
        title = f"{cause or 'attack'} kills {killed} in {name}"
        published = (day + timedelta(days=rng.randint(0, 5))).isoformat()
        toll = {"killed": {**EMPTY_TOLL, "total": killed}, "injured": dict(EMPTY_TOLL)}
        casualty = {"outcome": "killed", "min": killed, "max": killed, "qualifier": "exact",
                    **_span(phrase, 40), "victims": "unspecified", "children": False,
                    "women": False, "attributed_to": None}
        reports.append({"article_id": aid, "outlet": outlet, "published": published,
                        "title": title, "incident_index": 0, "origin_id": f"org-{k + 1}",
                        "toll": toll, "date": day.isoformat(), "place": place,
                        "perpetrators": perp, "cause": cause, "framing": [],
                        "casualties": [casualty], "attributions": []})
        origins.append({"id": f"org-{k + 1}", "label": outlet, "kind": "independent",
                        "article_ids": [aid]})
        values.setdefault(killed, []).append(aid)
        timeline.append({"published": published, "article_id": aid, "outlet": outlet,
                         "killed_min": killed, "killed_max": killed, "injured_min": None,
                         "injured_max": None})
        rows.append({"article_id": aid, "incident_index": 0, "outlet": outlet,
                     "published": published, "origin_id": f"org-{k + 1}", "cells": {
                         "date": {"value": day.isoformat(), "display": day.isoformat(),
                                  "disagrees": False, "attribution": None, "evidence": []},
                         "place": {"value": name, "display": name, "disagrees": False,
                                   "attribution": None, "evidence": [_span(name, 60)]},
                         "killed": {"value": {"min": killed, "max": killed,
                                              "qualifier": "exact"},
                                    "display": str(killed), "disagrees": False,
                                    "attribution": None, "evidence": [casualty_ev(casualty)]},
                         "cause": {"value": cause, "display": cause or "—", "disagrees": False,
                                   "attribution": None, "evidence": []}}})
    figures = sorted(values)
    modal = max(values, key=lambda v: len(values[v]))
    for row in rows:
        row["cells"]["killed"]["disagrees"] = row["cells"]["killed"]["value"]["min"] != modal
    contradictions = []
    if len(figures) > 1 and figures[-1] > figures[0] * 1.2:
        contradictions.append({"field": "killed", "summary": "Killed: " + "; ".join(
            f"{v}" for v in figures), "sides": [
                {"value": str(v), "article_ids": values[v],
                 "outlets": sorted({r["outlet"] for r in reports if r["article_id"] in values[v]}),
                 "evidence": []} for v in figures]})
    grade = "single_source" if n == 1 else rng.choice(GRADES[:4])
    median = figures[len(figures) // 2]
    return {
        "id": f"inc-{i:010x}", "label": f"{day.isoformat()} · {name} · {cause or 'attack'}",
        "date": day.isoformat(), "date_range": [day.isoformat(), day.isoformat()],
        "place": place, "actors": actors, "perpetrators": perp, "cause": cause,
        "reports": reports, "origins": origins,
        "matrix": {"claims": ["date", "place", "killed", "cause"], "rows": rows},
        "consensus": {
            "killed": {"conservative": figures[0], "min": figures[0], "max": figures[-1],
                       "median": median, "n_reports": n, "n_origins": n,
                       "values": [{"value": v, "origins": len(values[v]),
                                   "article_ids": values[v]} for v in figures]},
            "injured": {"conservative": None, "min": None, "max": None, "median": None,
                        "n_reports": 0, "n_origins": 0, "values": []},
            "perpetrator": {"value": perp[0] if perp else None, "n_reports": n if perp else 0,
                            "n_origins": n if perp else 0, "values": []},
            "framing": {"value": None, "n_reports": 0, "n_origins": 0, "values": []}},
        "contradictions": contradictions, "timeline": timeline,
        "grade": {"label": grade, "rule": f"{grade}: synthetic benchmark incident"}}


def casualty_ev(c: dict[str, Any]) -> dict[str, Any]:
    return {"start": c["start"], "end": c["end"], "text": c["text"]}


def fill_store(url: str, n: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    incidents = [synthetic_incident(i, rng) for i in range(n)]
    sample = {"version": compare.VERSION, "incidents": incidents[:200]}
    found = problems(sample, "incidents")
    if found:
        raise SystemExit("synthetic incidents break the schema:\n" + "\n".join(found[:10]))
    with open_store(url) as store:
        store.replace_incidents(incidents)
    return [i["id"] for i in incidents]


# --- servers ------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def serve(db: str, workers: int, page_cache_mb: int | None = None) -> Iterator[str]:
    port = free_port()
    cmd = [sys.executable, "-c", "from corroborate.cli import main; main()", "serve",
           "--db", db, "--port", str(port), "--workers", str(workers), "--log-level", "warning"]
    env = dict(os.environ)
    if page_cache_mb is not None:
        env["CORROBORATE_PAGE_CACHE_MB"] = str(page_cache_mb)
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                raise SystemExit(f"serve exited: {proc.stderr.read().decode() if proc.stderr else ''}")
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise SystemExit("serve did not start") from None
                time.sleep(0.2)
        time.sleep(1.0 * workers)  # let every worker open its store
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()


@contextmanager
def postgres() -> Iterator[str]:
    if not os.environ.get("CORROBORATE_TEST_PG_URL") and server_bindir() is None:
        raise SystemExit("no PostgreSQL binaries; set CORROBORATE_TEST_PG_URL")
    with postgres_url("-c max_connections=50") as url:
        yield url


# --- load -----------------------------------------------------------------------------

LUA = r"""
local paths = {%PATHS%}
local counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[math.random(#paths)])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('RESULT {"requests": %d, "duration_us": %d, "p50_us": %d, ' ..
    '"p95_us": %d, "p99_us": %d, "max_us": %d, "connect": %d, "read": %d, "write": %d, ' ..
    '"status": %d, "timeout": %d}\n', summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max,
    e.connect, e.read, e.write, e.status, e.timeout))
end
"""


def url_mix(ids: list[str], rng: random.Random, n: int = 2000) -> list[str]:
    sorts = ["date", "-date", "reports", "-reports", "killed", "-killed"]
    pages = max(1, len(ids) // 50)
    out = []
    for _ in range(n):
        if rng.random() < 0.5:
            q = f"/incidents?sort={rng.choice(sorts)}&page={rng.randint(1, min(pages, 200))}"
            pick = rng.random()
            if pick < 0.1:
                q += f"&grade={rng.choice(GRADES)}"
            elif pick < 0.2:
                q += f"&place={rng.choice(PLACES)[0].replace(' ', '+')}"
            elif pick < 0.27:
                q += "&contradictions=yes"
            elif pick < 0.33:
                year = rng.randint(2012, 2018)
                q += f"&since={year}-01-01&until={year}-06-30"
            out.append(q)
        else:
            out.append(f"/incidents/{rng.choice(ids)}")
    return out


def run_wrk(base: str, paths: list[str], duration: int, connections: int,
            threads: int) -> dict[str, Any]:
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed (apt-get install -y wrk)")
    script = Path(tempfile.mkdtemp()) / "mix.lua"
    script.write_text(LUA.replace("%PATHS%", ", ".join(json.dumps(p) for p in paths)))
    proc = subprocess.run(["wrk", "-t", str(threads), "-c", str(connections), "-d",
                           f"{duration}s", "--timeout", "10s", "-s", str(script), base],
                          capture_output=True, text=True, check=True)
    if os.environ.get("BENCH_DEBUG"):
        print(proc.stdout, proc.stderr)
    line = next(x for x in proc.stdout.splitlines() if x.startswith("RESULT "))
    raw = json.loads(line[len("RESULT "):])
    errors = raw["connect"] + raw["read"] + raw["write"] + raw["status"] + raw["timeout"]
    return {"requests": raw["requests"],
            "rps": round(raw["requests"] / (raw["duration_us"] / 1e6), 1),
            "p50_ms": raw["p50_us"] / 1000, "p95_ms": raw["p95_us"] / 1000,
            "p99_ms": raw["p99_us"] / 1000, "max_ms": raw["max_us"] / 1000,
            "errors": errors, "error_detail": {k: raw[k] for k in
                                               ("connect", "read", "write", "status", "timeout")}}


def bench(backend: str, db: str, args: argparse.Namespace) -> list[dict[str, Any]]:
    t0 = time.perf_counter()
    ids = fill_store(db, args.incidents)
    fill_s = time.perf_counter() - t0
    mix = url_mix(ids, random.Random(11), args.urls)
    scenarios = {"mix": mix, "list": [p for p in mix if p.startswith("/incidents?")],
                 "incident": [p for p in mix if not p.startswith("/incidents?")]}
    results = []
    for name in args.scenarios:
        # a fresh server per scenario: requests still queued from the previous one
        # (a list page can take seconds) must not count against the next
        with serve(db, args.workers, args.page_cache_mb) as base:
            # warm-up: templates, first connections, the database cache
            run_wrk(base, scenarios[name], 3, min(8, args.connections), 1)
            result = run_wrk(base, scenarios[name], args.duration, args.connections,
                             args.threads)
            result.update(backend=backend, scenario=name, incidents=args.incidents,
                          fill_s=round(fill_s, 1), duration_s=args.duration,
                          connections=args.connections, workers=args.workers,
                          page_cache_mb=args.page_cache_mb, urls=args.urls,
                          distinct_urls=len(set(scenarios[name])))
            results.append(result)
    return results


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--incidents", type=int, default=10_000)
    ap.add_argument("--duration", type=int, default=60, help="seconds of load per backend")
    ap.add_argument("--connections", type=int, default=50)
    ap.add_argument("--threads", type=int, default=2, help="wrk threads")
    ap.add_argument("--workers", type=int, default=2, help="uvicorn worker processes")
    ap.add_argument("--backend", nargs="+", default=["sqlite", "postgres"],
                    choices=["sqlite", "postgres"])
    ap.add_argument("--scenarios", nargs="+", default=["mix", "list", "incident"],
                    choices=["mix", "list", "incident"],
                    help="URL sets: the half/half mix, list pages only, incident pages only")
    ap.add_argument("--urls", type=int, default=2000,
                    help="URLs drawn for the mix (about half list pages, half incident "
                    "pages; more URLs, fewer repeats and so fewer page-cache hits)")
    ap.add_argument("--page-cache-mb", type=int, default=None,
                    help="the server's rendered-page cache per worker (0: off; "
                    "default: the server's own default)")
    ap.add_argument("--out", type=Path, default=OUT / "web.json")
    args = ap.parse_args()
    results: list[dict[str, Any]] = []
    for backend in args.backend:
        if backend == "sqlite":
            with tempfile.TemporaryDirectory() as tmp:
                rows = bench(backend, str(Path(tmp) / "bench.db"), args)
        else:
            with postgres() as url:
                rows = bench(backend, url, args)
        results.extend(rows)
        for r in rows:
            cache = "default" if r["page_cache_mb"] is None else f"{r['page_cache_mb']} MB"
            print(f"{backend:8s} {r['scenario']:8s} cache {cache}, "
                  f"{r['distinct_urls']} URLs, {r['incidents']} incidents, "
                  f"{r['connections']} clients, {r['duration_s']} s: {r['rps']} req/s, "
                  f"p50 {r['p50_ms']:.1f} ms, p95 {r['p95_ms']:.1f} ms, "
                  f"p99 {r['p99_ms']:.1f} ms, errors {r['errors']}", flush=True)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
