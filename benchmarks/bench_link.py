"""Scale benchmark of incident linking: 10k, 30k and 100k article-incident items.

Items are synthetic but drawn from the dev data: each synthetic *event* takes a
random FA-KES article as its report text, a Syrian governorate (centre
coordinates jittered by up to 0.4 degrees) and one of five towns in it, a date in
2011-2018 (the FA-KES span, fixed for every size, so blocks get denser as the
corpus grows: the hard case), a cause and a toll; each event gets 1-8 reports
(geometric), each with a perturbed text (sentences dropped and shuffled), event
date (+-1 day, sometimes missing), published date (0-10 days later), place
(sometimes missing or only the region) and killed figure (+-25 %).  One report
in ten lists a second incident (an item with the same article id).

Each size runs in a fresh subprocess so its peak RSS is its own.  Wall time
and CPU time are both printed: on a shared machine the wall time swings with
other load, the process CPU time much less.  Run::

    CORROBORATE_SHARED=../shared .venv/bin/python benchmarks/bench_link.py [--sizes 10000 30000 100000]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import resource
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

from corroborate.config import Settings
from corroborate.link import Linker, LinkItem

SHARED = Path(os.environ.get("CORROBORATE_SHARED", Path(__file__).resolve().parents[2] / "shared"))
FAKES = SHARED / "data" / "fa-kes" / "FA-KES-Dataset.csv"

# governorate -> (lat, lon) of its capital; public coordinates, rounded
REGIONS = {
    "Aleppo": (36.20, 37.16), "Idlib": (35.93, 36.63), "Hama": (35.13, 36.75),
    "Homs": (34.73, 36.71), "Damascus": (33.51, 36.29), "Rif Dimashq": (33.57, 36.40),
    "Daraa": (32.62, 36.10), "Deir ez-Zor": (35.33, 40.14), "Raqqa": (35.95, 39.01),
    "Al-Hasakah": (36.50, 40.75), "Latakia": (35.52, 35.78), "Tartus": (34.89, 35.89),
    "Quneitra": (33.13, 35.82), "As-Suwayda": (32.71, 36.57),
}
CAUSES = ["airstrike", "shelling", "barrel_bomb", "car_bomb", "suicide_bombing", "chemical",
          "gunfire", "explosion", None]
ACTORS = ["Syrian Army", "Russia", "US-led coalition", "Islamic State", "Free Syrian Army",
          "Jabhat al-Nusra", "SDF", "Turkey", "Hezbollah"]


def load_texts() -> list[tuple[str, str]]:
    csv.field_size_limit(1 << 30)
    with open(FAKES, newline="", encoding="utf-8", errors="replace") as fh:
        return [(r["article_title"], r["article_content"]) for r in csv.DictReader(fh)]


def perturb_text(rng: random.Random, text: str) -> str:
    sents = [s for s in text.split(". ") if s]
    keep = [s for s in sents if rng.random() > 0.25] or sents[:1]
    head, tail = keep[:2], keep[2:]
    rng.shuffle(tail)
    return ". ".join(head + tail)


def make_items(n: int, seed: int = 0) -> list[LinkItem]:
    rng = random.Random(seed)
    texts = load_texts()
    start = date(2011, 3, 15).toordinal()
    span = date(2018, 12, 31).toordinal() - start
    regions = list(REGIONS)
    items: list[LinkItem] = []
    ev = 0
    while len(items) < n:
        ev += 1
        title, body = rng.choice(texts)
        region = rng.choice(regions)
        lat, lon = REGIONS[region]
        lat, lon = lat + rng.uniform(-0.4, 0.4), lon + rng.uniform(-0.4, 0.4)
        day = start + rng.randrange(span)
        cause = rng.choice(CAUSES)
        killed = int(rng.paretovariate(1.2)) * 3
        perps = rng.sample(ACTORS, rng.randint(0, 2))
        n_reports = min(8, 1 + int(rng.expovariate(0.6)))
        for r in range(n_reports):
            if len(items) >= n:
                break
            has_date = rng.random() < 0.7
            ev_day = day + rng.choice([-1, 0, 0, 0, 1])
            pub = day + rng.randint(0, 10)
            place_kind = rng.random()
            k_lo = max(0, round(killed * rng.uniform(0.75, 1.25)))
            aid = f"ev{ev}-r{r}"
            items.append(LinkItem(
                article_id=aid, incident_index=0, outlet=f"outlet{rng.randrange(40)}",
                published=date.fromordinal(pub).isoformat(), title=title,
                date=date.fromordinal(ev_day).isoformat() if has_date else None,
                date_precision="day" if has_date else None,
                place_name=f"{region}-town{rng.randrange(5)}" if place_kind < 0.6 else None,
                admin1=region if place_kind < 0.85 else None,
                country="SY" if place_kind < 0.95 else None,
                lat=lat if place_kind < 0.6 else None, lon=lon if place_kind < 0.6 else None,
                actors=perps + rng.sample(ACTORS, rng.randint(0, 2)), perpetrators=perps,
                cause=cause if rng.random() < 0.8 else None,
                killed_min=k_lo if rng.random() < 0.7 else None,
                killed_max=k_lo if rng.random() < 0.7 else None,
                text=title + "\n\n" + perturb_text(rng, body),
            ))
            if rng.random() < 0.1 and len(items) < n:
                # a second incident in the same article (a round-up)
                other = start + rng.randrange(span)
                items.append(LinkItem(
                    article_id=aid, incident_index=1, published=items[-1].published,
                    title=title, date=date.fromordinal(other).isoformat(), date_precision="day",
                    admin1=rng.choice(regions), country="SY", text=items[-1].text))
    return items


def run_one(n: int) -> dict[str, float]:
    items = make_items(n)
    linker = Linker(Settings.load())
    t0, c0 = time.perf_counter(), time.process_time()
    linker.prepare(items)  # text vectors and per-item arrays, shared by the three steps
    t_prep = time.perf_counter() - t0
    t1 = time.perf_counter()
    pairs = linker.pairs(items)
    t_pairs = time.perf_counter() - t1
    t2 = time.perf_counter()
    scores = linker.score(items, pairs)
    t_score = time.perf_counter() - t2
    t3 = time.perf_counter()
    clusters = linker.cluster(items, pairs, scores)
    t_cluster = time.perf_counter() - t3
    # the reasons `analyze` stores with each link (Linker.link(..., explain=True))
    t4 = time.perf_counter()
    reasons = linker.explain(items, linker.merges)
    t_explain = time.perf_counter() - t4
    wall = time.perf_counter() - t0
    cpu = time.process_time() - c0
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"n": n, "wall_s": round(wall, 2), "cpu_s": round(cpu, 2), "prep_s": round(t_prep, 2),
            "pairs_s": round(t_pairs, 2), "score_s": round(t_score, 2),
            "cluster_s": round(t_cluster, 2), "explain_s": round(t_explain, 2),
            "pairs": len(pairs), "clusters": len(clusters), "links_explained": len(reasons),
            "peak_rss_mb": round(peak_mb, 1)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 30_000, 100_000])
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one)))
        return
    if not FAKES.is_file():
        sys.exit(f"FA-KES not found at {FAKES}; set CORROBORATE_SHARED")
    rows = []
    print(f"{'items':>8} {'wall s':>8} {'cpu s':>8} {'prep s':>8} {'pairs s':>8} {'score s':>8} "
          f"{'clust s':>8} {'expl s':>8} {'pairs':>9} {'clusters':>9} {'peak MB':>8}")
    for n in args.sizes:
        res = subprocess.run([sys.executable, __file__, "--one", str(n)], check=True,
                             capture_output=True, text=True)
        r = json.loads(res.stdout.strip().splitlines()[-1])
        rows.append(r)
        print(f"{r['n']:>8} {r['wall_s']:>8} {r['cpu_s']:>8} {r['prep_s']:>8} {r['pairs_s']:>8} "
              f"{r['score_s']:>8} "
              f"{r['cluster_s']:>8} {r['explain_s']:>8} {r['pairs']:>9} {r['clusters']:>9} "
              f"{r['peak_rss_mb']:>8}",
              flush=True)
    for a, b in zip(rows, rows[1:], strict=False):
        size = b["n"] / a["n"]
        print(f"{a['n']} -> {b['n']} items (x{size:.1f}): wall x{b['wall_s'] / a['wall_s']:.2f}, "
              f"cpu x{b['cpu_s'] / a['cpu_s']:.2f}, "
              f"pairs x{b['pairs'] / max(a['pairs'], 1):.2f} (linear = x{size:.1f})")


if __name__ == "__main__":
    main()
