"""What an uncached incident-list page costs in-process: the store call and the template.

The store is filled like ``bench_web.py`` (10,000 synthetic incidents), and the
list pages of its URL mix are built without a server: ``data.list_incidents``
(timed) then the ``incidents.html.j2`` template (timed).  The template runs
side by side with a baseline copy that reads row fields as attributes
(``r.label``) instead of by subscript (``r["label"]``): on the dicts the store
returns, Jinja's attribute lookup tries ``getattr`` first and pays an exception
for every field.  Run::

    .venv/bin/python benchmarks/bench_render.py [--backend sqlite postgres] [--pages 400]
"""

from __future__ import annotations

import argparse
import random
import re
import tempfile
import time
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import bench_web  # beside this file: the same generated store and URL mix
from corroborate.store import open_store
from corroborate.web import data, pages


def attribute_template(env: Any) -> Any:
    """The list template with ``r["field"]`` written back as ``r.field`` (the baseline)."""
    source = env.loader.get_source(env, "incidents.html.j2")[0]
    return env.from_string(re.sub(r'\br\["([a-z0-9_]+)"\]', r"r.\1", source))


def measure(url: str, n_pages: int, n_incidents: int) -> dict[str, float]:
    ids = bench_web.fill_store(url, n_incidents)
    queries = [pages.parse_filters(dict(parse_qsl(urlsplit(p).query)))
               for p in bench_web.url_mix(ids, random.Random(11)) if p.startswith("/incidents?")]
    queries = (queries * (n_pages // max(1, len(queries)) + 1))[:n_pages]
    env = pages.environment()
    templates = {"subscript": env.get_template("incidents.html.j2"),
                 "attribute": attribute_template(env)}
    totals = {"store": 0.0, "subscript": 0.0, "attribute": 0.0}
    with open_store(url) as store:
        for round_no in range(2):  # the first round warms caches and is not counted
            for query, echo, problems in queries:
                t0 = time.perf_counter()
                result = data.list_incidents(store, query)
                t1 = time.perf_counter()
                page_no = query.offset // query.limit + 1
                context = dict(request_path="/incidents", private=False, title="Incidents",
                               page=result, echo=echo, problems=problems, page_no=page_no,
                               pages_total=max(1, -(-result.total // query.limit)),
                               prev_url=None, next_url=None, sort_url=lambda k: "/incidents",
                               export_url=lambda f: "/incidents", sizes=pages.PAGE_SIZES)
                spent = {}
                for name, tpl in templates.items():
                    s = time.perf_counter()
                    tpl.render(**context)
                    spent[name] = time.perf_counter() - s
                if round_no:
                    totals["store"] += t1 - t0
                    for name, secs in spent.items():
                        totals[name] += secs
    return {k: v / len(queries) * 1000 for k, v in totals.items()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--backend", nargs="+", default=["sqlite", "postgres"],
                    choices=["sqlite", "postgres"])
    ap.add_argument("--pages", type=int, default=400)
    ap.add_argument("--incidents", type=int, default=10_000)
    args = ap.parse_args()
    print(f"{'store':10s} {'store ms':>9s} {'render ms':>10s} {'baseline render ms':>19s} "
          f"{'speed-up':>9s}", flush=True)
    for backend in args.backend:
        if backend == "sqlite":
            with tempfile.TemporaryDirectory() as tmp:
                ms = measure(str(Path(tmp) / "render.db"), args.pages, args.incidents)
        else:
            with bench_web.postgres() as url:
                ms = measure(url, args.pages, args.incidents)
        print(f"{backend:10s} {ms['store']:9.2f} {ms['subscript']:10.2f} "
              f"{ms['attribute']:19.2f} {ms['attribute'] / ms['subscript']:8.2f}x", flush=True)


if __name__ == "__main__":
    main()
