"""Scale benchmark of the whole pipeline: ingest → extract → link → compare → store → verdicts.

A synthetic corpus of N reports is generated at run time from the dev data (FA-KES and
GVA dev articles, read from $CORROBORATE_SHARED, default ../shared) into a temporary
folder (never into the repository).  Each synthetic *event* takes one dev article as its
template and moves it: to another place of the same corpus (FA-KES: another Syrian
location; GVA: another city and state), by a whole number of years plus a few days (the
years named in the text move with it), and with its figures scaled by one factor per
event.  Each event gets 1-8 reports (geometric): every report keeps the template's first
two sentences, drops a quarter of the others and shuffles the rest, comes from one of 60
outlets, is published 0-3 days after the event, and one report in five gives one figure
differently (a contradiction to find).  So incidents are many, dates spread over the dev
data's years, and several outlets report most events, as in a real news stream.

Each size and engine runs in a fresh subprocess (its own store, its own peak RSS)::

    CORROBORATE_SHARED=../shared nice -n 10 .venv/bin/python benchmarks/bench_scale.py \\
        [--sizes 10000 100000 1000000] [--engines local] [--incremental 1000] [--json]

``--engines dask`` runs each size on a Dask LocalCluster of 1 and then 2 worker processes
(`corroborate analyze --engine dask --scheduler ADDRESS`).  The table gives, per size and
engine: wall and CPU seconds (the CPU of every process of the run: this one, which also
holds the scheduler, and each worker), peak RSS of each process, the speed-up of 2 workers over 1, and the growth of
wall/CPU time from one size to the next against linear.  With ``--incremental K`` each
size is followed by a second run that adds K new reports (new events and new reports of
earlier events) to the same store, timed against the full run.
"""

from __future__ import annotations

import argparse
import csv
import itertools
import json
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

SHARED = Path(os.environ.get("CORROBORATE_SHARED")
              or Path(__file__).resolve().parent.parent.parent / "shared")
FAKES = SHARED / "data" / "fa-kes" / "FA-KES-Dataset.csv"
GVA_DOCS = SHARED / "data" / "gva-dev" / "docs.jsonl"
GVA_INCIDENTS = SHARED / "data" / "gva-dev" / "incidents.jsonl"

#: reports per generated file: the reader decodes one file at a time, so files stay small
FILE_REPORTS = 1000
OUTLETS = [f"Outlet {chr(65 + i // 26)}{chr(65 + i % 26)}" for i in range(60)]
_FIGURE = re.compile(r"(?<![\d.,:/-])\d{1,3}(?!\d)(?![.,:/-]\d)")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_SENT = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"])")


@dataclass
class Template:
    """One dev article and the facts it is moved by: its place names and date."""

    title: str
    text: str
    day: date
    places: tuple[str, ...]  # names in the text to move, most specific first
    pool: str  # "fakes" or "gva": the place pool it draws its new place from


def _fakes_day(value: str) -> date | None:
    try:
        m, d, y = (int(x) for x in value.split("/"))
        return date(y, m, d)
    except ValueError:
        return None


def load_templates() -> tuple[list[Template], dict[str, list[tuple[str, ...]]]]:
    """The dev articles as templates, and the places each corpus can move them to."""
    csv.field_size_limit(1 << 30)
    templates: list[Template] = []
    pools: dict[str, list[tuple[str, ...]]] = {"fakes": [], "gva": []}
    with open(FAKES, newline="", encoding="utf-8", errors="replace") as fh:
        for r in csv.DictReader(fh):
            day = _fakes_day(r["date"])
            loc = r["location"].strip()
            if day is None or not loc or not r["article_content"].strip():
                continue
            place = (loc.title(),)
            templates.append(Template(r["article_title"], r["article_content"], day, place, "fakes"))
            pools["fakes"].append(place)
    incidents: dict[str, dict[str, Any]] = {}
    with open(GVA_INCIDENTS, encoding="utf-8") as fh:
        for line in fh:
            inc = json.loads(line)
            incidents[inc["incident_id"]] = inc
    with open(GVA_DOCS, encoding="utf-8") as fh:
        for line in fh:
            doc = json.loads(line)
            inc = incidents.get(doc["incident_id"])
            if inc is None or not doc.get("dct") or not doc["content"].strip():
                continue
            place = (inc["city_or_county"], inc["state"])
            templates.append(Template(doc.get("title") or "", doc["content"],
                                      date.fromisoformat(doc["dct"][:10]), place, "gva"))
            pools["gva"].append(place)
    pools = {k: sorted(set(v)) for k, v in pools.items()}
    return templates, pools


def _replace_words(text: str, old: str, new: str) -> str:
    if not old:
        return text
    return re.sub(rf"\b{re.escape(old)}\b", new, text, flags=re.IGNORECASE)


class Generator:
    """Synthetic reports, event by event; the same seed gives the same corpus."""

    def __init__(self, seed: int = 0) -> None:
        self.rng = random.Random(seed)
        self.templates, self.pools = load_templates()
        self.events = 0
        #: (template, new place, day shift, figure factor) of each event so far
        self.history: list[tuple[int, tuple[str, ...], int, float]] = []

    def _event(self) -> tuple[int, tuple[str, ...], int, float]:
        rng = self.rng
        t = rng.randrange(len(self.templates))
        place = rng.choice(self.pools[self.templates[t].pool])
        shift = 365 * rng.randint(-2, 6) + rng.randint(-20, 20)
        factor = rng.choice([0.5, 0.75, 1.0, 1.0, 1.5, 2.0, 3.0])
        self.history.append((t, place, shift, factor))
        return self.history[-1]

    def _report(self, event: int, r: int, spec: tuple[int, tuple[str, ...], int, float]
                ) -> dict[str, Any]:
        rng = self.rng
        t, place, shift, factor = spec
        tpl = self.templates[t]
        years = shift // 365 if shift >= 0 else -((-shift) // 365)
        odd = rng.random() < 0.2  # this report gives one figure differently

        def figure(m: re.Match[str]) -> str:
            n = int(m.group(0))
            if n == 0:
                return m.group(0)
            return str(max(1, round(n * factor * (1.3 if odd and n > 2 else 1.0))))

        def year(m: re.Match[str]) -> str:
            return str(int(m.group(0)) + years)

        def move(text: str) -> str:
            for old, new in zip(tpl.places, place, strict=False):
                text = _replace_words(text, old, new)
            return _FIGURE.sub(figure, _YEAR.sub(year, text))

        sents = [s for s in _SENT.split(tpl.text.strip()) if s]
        keep = sents[:2] + [s for s in sents[2:] if rng.random() > 0.25]
        tail = keep[2:]
        rng.shuffle(tail)
        published = tpl.day + timedelta(days=shift + rng.randint(0, 3))
        return {"id": f"ev{event}-r{r}", "title": move(tpl.title), "text": move(" ".join(keep[:2] + tail)),
                "published": published.isoformat(), "outlet": rng.choice(OUTLETS),
                "url": f"https://example.org/{event}/{r}"}

    def reports(self, n: int, *, revisit: float = 0.0) -> Iterator[dict[str, Any]]:
        """``n`` reports; with ``revisit`` that share of events are earlier ones reported again."""
        made = 0
        while made < n:
            if revisit and self.history and self.rng.random() < revisit:
                ev = self.rng.randrange(len(self.history))
                spec = self.history[ev]
                count = 1
            else:
                spec = self._event()
                ev = len(self.history) - 1
                count = min(8, 1 + int(self.rng.expovariate(0.6)))
            for _ in range(min(count, n - made)):
                self.events += 1
                yield self._report(ev, self.events, spec)
                made += 1


def write_corpus(reports: Iterator[dict[str, Any]], folder: Path) -> int:
    """Write reports as JSONL files of `FILE_REPORTS` each; returns how many."""
    folder.mkdir(parents=True, exist_ok=True)
    n = 0
    while part := list(itertools.islice(reports, FILE_REPORTS)):
        with open(folder / f"part-{n // FILE_REPORTS:05d}.jsonl", "w", encoding="utf-8") as fh:
            fh.writelines(json.dumps(rep, ensure_ascii=False) + "\n" for rep in part)
        n += len(part)
    return n


# --- one run in its own process ----------------------------------------------------


def run_one(corpus: Path, db: Path, engine: str, workers: int, incremental: bool = False
            ) -> dict[str, Any]:
    """Analyse ``corpus`` into ``db`` in this process and measure it.  With the dask engine
    a LocalCluster of ``workers`` worker processes (one thread each) runs the stages; its
    scheduler lives in this process, and each worker reports its own CPU time and peak RSS."""
    from corroborate.analyze import analyze
    from corroborate.app import Corroborate
    from corroborate.config import Settings

    settings = Settings.load().model_copy(update={"db": str(db)})
    cluster = client = None
    if engine == "dask":
        from dask.distributed import Client, LocalCluster

        # no dashboard: its fixed port would clash with any other cluster on the machine
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                               dashboard_address=None)
        client = Client(cluster)
        cpu0 = client.run(time.process_time)
    elif engine != "local":
        raise SystemExit(f"unknown engine {engine!r}")
    stage_rss: dict[str, float] = {}

    def watch(items: Any, total: int | None, label: str) -> Any:
        # the highest resident size seen while each stage runs (sampled every 200 steps)
        for k, x in enumerate(items):
            if k % 200 == 0:
                stage_rss[label] = max(stage_rss.get(label, 0.0), _rss_mb())
            yield x
        stage_rss[label] = max(stage_rss.get(label, 0.0), _rss_mb())

    t0, c0 = time.perf_counter(), time.process_time()
    with Corroborate(settings) as app:
        # as `corroborate analyze` runs it: the incidents go to the store, never all held
        result = analyze(app, [corpus], keep_incidents=False, incremental=incremental,
                         engine=engine, progress=watch,
                         scheduler=None if cluster is None else cluster.scheduler_address)
    wall = time.perf_counter() - t0
    cpu = time.process_time() - c0
    peak = {"main": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}
    driver_cpu = cpu  # this process: the stages' driver (and a LocalCluster's scheduler)
    if client is not None and cluster is not None:
        cpu1 = client.run(time.process_time)
        cpu += sum(cpu1[w] - cpu0.get(w, 0.0) for w in cpu1)
        rss = client.run(lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
        for k, w in enumerate(sorted(rss), 1):
            peak[f"worker{k}"] = round(rss[w], 1)
        client.close()
        cluster.close()
    return {"wall_s": round(wall, 2), "cpu_s": round(cpu, 2), "driver_cpu_s": round(driver_cpu, 2),
            "peak_rss_mb": peak,
            "stages_s": {k: round(v, 2) for k, v in result.seconds.items()},
            # this process's CPU per stage (a Dask worker's is in cpu_s only)
            "stages_cpu_s": {k: round(v, 2) for k, v in result.cpu_seconds.items()},
            "stage_rss_mb": {k: round(v, 1) for k, v in stage_rss.items()},
            "read": result.read, "added": len(result.added), "extracted": result.extracted,
            "articles": result.articles, "items": result.items,
            "incidents": result.counts.get("incidents", 0),
            "multi_report": result.counts.get("multi_report_incidents", 0)}


def _rss_mb() -> float:
    """This process's resident size now (Linux), in MB."""
    try:
        with open("/proc/self/statm", encoding="ascii") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except OSError:
        return 0.0


def _subprocess(corpus: Path, db: Path, engine: str, workers: int, incremental: bool = False
                ) -> dict[str, Any]:
    cmd = [sys.executable, __file__, "--one", str(corpus), str(db), engine, str(workers),
           "incremental" if incremental else "full"]
    res = subprocess.run(cmd, check=False, capture_output=True, text=True)
    if res.returncode != 0:
        raise SystemExit(f"run failed ({' '.join(cmd)}):\n{res.stderr[-3000:]}")
    out: dict[str, Any] = json.loads(res.stdout.strip().splitlines()[-1])
    return out


# --- the table -----------------------------------------------------------------------


def _fmt_peaks(peaks: dict[str, float]) -> str:
    return " ".join(f"{k}={v:.0f}" for k, v in peaks.items())


def growth_lines(rows: list[dict[str, Any]]) -> list[str]:
    """Time growth from each size to the next of the same engine and workers, against linear."""
    lines = []
    by: dict[tuple[str, int], list[dict[str, Any]]] = {}
    for r in rows:
        by.setdefault((r["engine"], r["workers"]), []).append(r)
    for (engine, workers), rs in by.items():
        rs = sorted(rs, key=lambda r: r["n"])
        for a, b in zip(rs, rs[1:], strict=False):
            size = b["n"] / a["n"]
            lines.append(f"{engine}/{workers}: {a['n']} -> {b['n']} reports (x{size:.1f}): "
                         f"wall x{b['wall_s'] / a['wall_s']:.2f}, cpu x{b['cpu_s'] / a['cpu_s']:.2f} "
                         f"(linear = x{size:.1f})")
    return lines


def print_table(rows: list[dict[str, Any]]) -> None:
    print(f"{'reports':>8} {'engine':>6} {'wkrs':>4} {'wall s':>8} {'cpu s':>8} {'speed-up':>8} "
          f"{'items':>8} {'incid.':>8} {'incr. s':>8} {'incr. %':>7}  peak RSS MB per process")
    for r in rows:
        speed = f"{r['speedup']:.2f}" if r.get("speedup") else "-"
        inc = r.get("incremental")
        inc_s = f"{inc['wall_s']:.1f}" if inc else "-"
        inc_p = f"{100 * inc['wall_s'] / r['wall_s']:.1f}" if inc else "-"
        print(f"{r['n']:>8} {r['engine']:>6} {r['workers']:>4} {r['wall_s']:>8.1f} "
              f"{r['cpu_s']:>8.1f} {speed:>8} {r['items']:>8} {r['incidents']:>8} {inc_s:>8} "
              f"{inc_p:>7}  {_fmt_peaks(r['peak_rss_mb'])}", flush=True)
    for line in growth_lines(rows):
        print(line)


def bench(sizes: list[int], engines: list[str], incremental: int, keep: Path | None,
          *, quiet: bool = False) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    work = Path(tempfile.mkdtemp(prefix="bench-scale-", dir=keep))
    try:
        for n in sizes:
            corpus = work / f"corpus-{n}"
            gen = Generator(seed=n)
            t0 = time.perf_counter()
            write_corpus(gen.reports(n), corpus / "base")
            gen_s = time.perf_counter() - t0
            extra = None
            if incremental:
                extra = corpus / "more"
                # a third of the new reports tell events the store already holds
                write_corpus(gen.reports(incremental, revisit=0.33), extra)
            if not quiet:
                print(f"# {n} reports generated in {gen_s:.1f} s", file=sys.stderr, flush=True)
            plans = [(e, w) for e in engines for w in ((1, 2) if e == "dask" else (1,))]
            for engine, workers in plans:
                db = work / f"store-{n}-{engine}-{workers}.db"
                row = {"n": n, "engine": engine, "workers": workers,
                       **_subprocess(corpus / "base", db, engine, workers)}
                if extra is not None:
                    row["incremental"] = _subprocess(extra, db, engine, workers, True)
                rows.append(row)
                if not quiet:
                    print(f"# {n} {engine}/{workers}: {row['wall_s']} s", file=sys.stderr, flush=True)
                for suffix in ("", "-wal", "-shm"):
                    Path(f"{db}{suffix}").unlink(missing_ok=True)
            shutil.rmtree(corpus)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    for r in rows:
        if r["engine"] == "dask" and r["workers"] == 2:
            one = next((o for o in rows if o["n"] == r["n"] and o["engine"] == "dask"
                        and o["workers"] == 1), None)
            if one is not None:
                r["speedup"] = round(one["wall_s"] / r["wall_s"], 2)
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    ap.add_argument("--engines", nargs="+", default=["local"], choices=["local", "dask"])
    ap.add_argument("--incremental", type=int, default=0, metavar="K",
                    help="after each full run, add K new reports to the same store with "
                         "analyze --incremental and time it")
    ap.add_argument("--tmp", type=Path, default=None, help="folder for the corpus and stores")
    ap.add_argument("--json", action="store_true", help="print the rows as JSON instead")
    ap.add_argument("--one", nargs=5, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        corpus, db, engine, workers, mode = args.one
        print(json.dumps(run_one(Path(corpus), Path(db), engine, int(workers),
                                 mode == "incremental")))
        return
    for f in (FAKES, GVA_DOCS, GVA_INCIDENTS):
        if not f.is_file():
            sys.exit(f"{f} not found; set CORROBORATE_SHARED")
    rows = bench(args.sizes, args.engines, args.incremental, args.tmp)
    if args.json:
        print(json.dumps({"rows": rows, "growth": growth_lines(rows)}, indent=2))
    else:
        print_table(rows)


if __name__ == "__main__":
    main()
