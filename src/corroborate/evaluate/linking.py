"""Linking quality: B³ on ECB+ (within and across topics) and on the FA-KES dev gold.

B³ (Bagga & Baldwin 1998) scores a clustering item by item: for item *i* with
predicted cluster C(i) and gold cluster G(i), precision is |C(i) ∩ G(i)| / |C(i)|
and recall |C(i) ∩ G(i)| / |G(i)|; both are averaged over items and F1 is their
harmonic mean.

ECB+ documents are rebuilt from their XML tokens.  The ECB+ sentence 0 of the
newer ('ecbplus') documents is the URL the text was found at; it is dropped,
because only that half of the corpus has it and it would give the gold split
away.  Within a topic the gold is its two sub-topics (two similar but distinct
events, e.g. two celebrities entering rehab); across topics it is all 86.

Items come from `corroborate.extract.extract` (the headline incident of each
article), or, with ``use_extraction=False``, are text-and-published-date items;
the report says which.
"""

from __future__ import annotations

import csv
import logging
import re
import statistics
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal

import numpy as np

from ..config import Settings
from ..errors import CorroborateError, error
from ..link import FEATURES, Linker, LinkItem, items_from_extractions
from ..models import Article
from . import gva
from .gva import GvaDoc, GvaIncident
from .splits import Half, half_of

log = logging.getLogger(__name__)


# --- B³ ------------------------------------------------------------------------

@dataclass
class BCubed:
    precision: float
    recall: float
    f1: float
    n: int

    def to_dict(self) -> dict[str, Any]:
        return {k: (round(v, 4) if isinstance(v, float) else v) for k, v in asdict(self).items()}


def _f1(p: float, r: float) -> float:
    return 0.0 if p + r == 0 else 2 * p * r / (p + r)


def b_cubed(predicted: Iterable[Iterable[Any]], gold: Mapping[Any, Hashable]) -> BCubed:
    """B³ of ``predicted`` clusters (of item keys) against ``gold`` (item key -> gold label).

    Only items in ``gold`` count; a gold item missing from ``predicted`` is a
    singleton.  Returns zeros for an empty gold.
    """
    pred_of: dict[Hashable, int] = {}
    for c, cluster in enumerate(predicted):
        for x in cluster:
            if x in gold:
                pred_of[x] = c
    nxt = -1
    for x in gold:
        if x not in pred_of:
            pred_of[x] = nxt
            nxt -= 1
    pred_members: dict[int, list[Hashable]] = defaultdict(list)
    gold_size: dict[Hashable, int] = defaultdict(int)
    for x, c in pred_of.items():
        pred_members[c].append(x)
    for g in gold.values():
        gold_size[g] += 1
    if not gold:
        return BCubed(0.0, 0.0, 0.0, 0)
    p_sum = r_sum = 0.0
    for members in pred_members.values():
        counts: dict[Hashable, int] = defaultdict(int)
        for x in members:
            counts[gold[x]] += 1
        for x in members:
            overlap = counts[gold[x]]
            p_sum += overlap / len(members)
            r_sum += overlap / gold_size[gold[x]]
    p, r = p_sum / len(gold), r_sum / len(gold)
    return BCubed(p, r, _f1(p, r), len(gold))


# --- building items ----------------------------------------------------------------

def _extract_fn(settings: Settings) -> Callable[[Article], Any]:
    """`corroborate.extract.extract` with one pipeline built from the caller's settings."""
    from .. import extract as ex

    pipeline = ex.default_pipeline(settings)
    return lambda art: ex.extract(art, pipeline)


def items_for_articles(articles: Sequence[Article], settings: Settings, *,
                       use_extraction: bool = True) -> list[LinkItem]:
    """One item per article: its headline incident, or a text-only item without one."""
    fn = _extract_fn(settings) if use_extraction else None
    items: list[LinkItem] = []
    for art in articles:
        item: LinkItem | None = None
        if fn is not None:
            try:
                found = items_from_extractions([fn(art).to_dict()], {art.id: art})
            except CorroborateError as exc:
                log.warning("extraction failed for %s: %s", art.id, exc)
                found = []
            item = found[0] if found else None
        if item is None:
            item = LinkItem(article_id=art.id, incident_index=0, outlet=art.outlet,
                            published=art.published, title=art.title, text=art.full_text)
        items.append(item)
    return items


# --- ECB+ --------------------------------------------------------------------------

@dataclass
class EcbDoc:
    doc: str
    topic: str
    subtopic: str
    article: Article


_NO_SPACE_BEFORE = re.compile(r" ([.,;:!?%)\]}]|'s\b|'re\b|'ve\b|'ll\b|'d\b|n't\b|'m\b)")
_NO_SPACE_AFTER = re.compile(r"([(\[{$]) ")


def detokenize(tokens: Sequence[str]) -> str:
    """Readable text from ECB+ tokens (spacing around punctuation undone)."""
    s = " ".join(tokens)
    s = _NO_SPACE_BEFORE.sub(r"\1", s)
    return _NO_SPACE_AFTER.sub(r"\1", s)


def read_ecbplus_doc(path: Path, *, drop_url: bool = True) -> str:
    """The text of one ECB+ XML document: one sentence per line, URL sentence dropped."""
    sentences: dict[int, list[str]] = defaultdict(list)
    for tok in ET.parse(path).getroot().iter("token"):
        sentences[int(tok.get("sentence", "0"))].append(tok.text or "")
    lines = []
    for k in sorted(sentences):
        line = detokenize(sentences[k])
        if drop_url and k == 0 and path.name.endswith("ecbplus.xml") and (
                line.startswith("http") or "www" in line):
            continue
        lines.append(line)
    return "\n".join(lines)


def load_ecbplus(ecbplus_dir: str | Path) -> list[EcbDoc]:
    """All ECB+ documents listed in ``ecbplus_doc_index.csv``, as articles."""
    root = Path(ecbplus_dir)
    index = root / "ecbplus_doc_index.csv"
    if not index.is_file():
        raise error("E001", f"ECB+ index not found: {index}", file=index)
    docs: list[EcbDoc] = []
    with open(index, newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            path = root / "ECB+" / row["topic"] / row["doc"]
            if not path.is_file():
                raise error("E001", f"ECB+ document not found: {path}", file=path)
            text = read_ecbplus_doc(path)
            art = Article(id="ecb-" + row["doc"].removesuffix(".xml").replace("_", "-"), text=text)
            docs.append(EcbDoc(row["doc"], row["topic"], row["subtopic"], art))
    return docs


@dataclass
class EcbResult:
    within_micro: BCubed
    within_macro: BCubed
    across: BCubed
    per_topic: dict[str, BCubed] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "within_topic_micro": self.within_micro.to_dict(),
            "within_topic_macro": self.within_macro.to_dict(),
            "across_topics": self.across.to_dict(),
            "per_topic": {t: b.to_dict() for t, b in self.per_topic.items()},
        }


def _link_keys(linker: Linker, items: list[LinkItem]) -> list[list[tuple[str, int]]]:
    return [[items[i].key for i in c] for c in linker.link(items)]


def evaluate_ecbplus_items(docs: Sequence[EcbDoc], items: Sequence[LinkItem],
                           linker: Linker) -> EcbResult:
    """B³ within each topic (micro and macro) and across all topics at once."""
    gold = {it.key: d.subtopic for d, it in zip(docs, items, strict=True)}
    by_topic: dict[str, list[int]] = defaultdict(list)
    for k, d in enumerate(docs):
        by_topic[d.topic].append(k)
    pooled: list[list[tuple[str, int]]] = []
    per_topic: dict[str, BCubed] = {}
    for topic in sorted(by_topic, key=lambda t: (len(t), t)):
        t_items = [items[k] for k in by_topic[topic]]
        clusters = _link_keys(linker, t_items)
        pooled.extend(clusters)
        per_topic[topic] = b_cubed(clusters, {it.key: gold[it.key] for it in t_items})
    micro = b_cubed(pooled, gold)
    p = statistics.fmean(b.precision for b in per_topic.values())
    r = statistics.fmean(b.recall for b in per_topic.values())
    f = statistics.fmean(b.f1 for b in per_topic.values())
    macro = BCubed(p, r, f, len(per_topic))
    across = b_cubed(_link_keys(linker, list(items)), gold)
    return EcbResult(micro, macro, across, per_topic)


# --- FA-KES dev gold ----------------------------------------------------------------

def load_gold(path: str | Path) -> dict[int, str]:
    """``row,incident,note`` -> {row: incident}."""
    p = Path(path)
    if not p.is_file():
        raise error("E001", f"gold file not found: {p}", file=p)
    gold: dict[int, str] = {}
    with open(p, newline="", encoding="utf-8") as fh:
        for n, row in enumerate(csv.DictReader(fh)):
            try:
                gold[int(row["row"])] = row["incident"].strip()
            except (KeyError, ValueError, AttributeError):
                raise error("E051", "expected columns row,incident", file=p, row=n) from None
    return gold


def _fakes_date(raw: str) -> str | None:
    m = re.fullmatch(r"\s*(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})\s*", raw or "")
    if not m:
        return None
    mo, d, y = int(m[1]), int(m[2]), int(m[3])
    y = y + 2000 if y < 100 else y
    try:
        from datetime import date

        return date(y, mo, d).isoformat()
    except ValueError:
        return None


def load_fakes_rows(csv_path: str | Path, rows: Iterable[int]) -> dict[int, Article]:
    """The FA-KES articles at the given 0-based rows (title, text, source, date only)."""
    wanted = set(rows)
    p = Path(csv_path)
    if not p.is_file():
        raise error("E001", f"FA-KES file not found: {p}", file=p)
    csv.field_size_limit(1 << 30)
    out: dict[int, Article] = {}
    with open(p, newline="", encoding="utf-8", errors="replace") as fh:
        for k, row in enumerate(csv.DictReader(fh)):
            if k in wanted:
                out[k] = Article(id=f"fa-kes-dataset-{k}", text=row.get("article_content") or "",
                                 title=row.get("article_title") or "",
                                 outlet=row.get("source") or None,
                                 published=_fakes_date(row.get("date") or ""))
    missing = wanted - set(out)
    if missing:
        raise error("E051", f"gold rows not in the dataset: {sorted(missing)[:5]}", file=p)
    return out


def fakes_row_count(csv_path: str | Path) -> int:
    """How many data rows the FA-KES CSV has."""
    p = Path(csv_path)
    if not p.is_file():
        raise error("E001", f"FA-KES file not found: {p}", file=p)
    csv.field_size_limit(1 << 30)
    with open(p, newline="", encoding="utf-8", errors="replace") as fh:
        return sum(1 for _ in csv.DictReader(fh))


def fakes_items(csv_path: str | Path, gold_path: str | Path, settings: Settings, *,
                use_extraction: bool = True
                ) -> tuple[list[LinkItem], dict[tuple[str, int], str]]:
    gold_rows = load_gold(gold_path)
    arts = load_fakes_rows(csv_path, gold_rows)
    rows = sorted(gold_rows)
    items = items_for_articles([arts[r] for r in rows], settings, use_extraction=use_extraction)
    gold = {it.key: gold_rows[r] for r, it in zip(rows, items, strict=True)}
    return items, gold


# --- fitting the pair model -------------------------------------------------------

def pair_training_data(sets: Iterable[tuple[Sequence[LinkItem], Mapping[tuple[str, int], str]]],
                       linker: Linker) -> tuple[np.ndarray, np.ndarray]:
    """Features and same-incident labels of the candidate pairs blocking yields."""
    Xs: list[np.ndarray] = []
    ys: list[np.ndarray] = []
    for items, gold in sets:
        items = list(items)
        pairs = linker.pairs(items)
        if not pairs:
            continue
        Xs.append(linker.features(items, pairs))
        ys.append(np.array([gold[items[a].key] == gold[items[b].key] for a, b in pairs]))
        linker._prep = None
    if not Xs:
        return np.zeros((0, len(FEATURES))), np.zeros(0, dtype=bool)
    return np.vstack(Xs), np.concatenate(ys)


def fit_pair_model(X: np.ndarray, y: np.ndarray, groups: np.ndarray | None = None, *,
                   C: float = 1.0) -> tuple[dict[str, float], float]:
    """L2-regularised logistic regression on pair features; returns (weights, intercept).

    Samples are weighted so that every group (dev corpus) and, within it, both
    classes carry equal weight: the share of true matches among candidate pairs
    differs wildly between corpora (ECB+ topics are small and mostly one event;
    FA-KES is one long war), and unweighted, a feature that one corpus happens
    to have would soak up that base rate instead of its own evidence.  The
    threshold, tuned afterwards on B³, sets the operating point.

    Columns that never vary in the training data (a signal the dev data lacks)
    keep weight 0 rather than an arbitrary value.
    """
    groups = np.zeros(len(y), dtype=int) if groups is None else np.asarray(groups)
    weight = np.zeros(len(y))
    cells = [(g, c) for g in np.unique(groups) for c in (False, True)]
    present = [(g, c) for g, c in cells if np.any((groups == g) & (y == c))]
    for g, c in present:
        mask = (groups == g) & (y == c)
        weight[mask] = len(y) / (len(present) * mask.sum())
    from scipy.optimize import minimize

    # agreement features may only raise the score, conflicts only lower it (as
    # agreement/disagreement levels in Fellegi-Sunter): with a few hundred dev
    # pairs a free fit flips signs on features that merely correlate with how
    # the dev negatives were picked, which would not carry over to new corpora
    sign = np.array([-1.0 if f.endswith(("_far", "_conflict")) else 1.0 for f in FEATURES])
    varying = X.std(axis=0) > 0
    bounds = [(None, None)] + [
        ((0.0, None) if sg > 0 else (None, 0.0)) if v else (0.0, 0.0)
        for sg, v in zip(sign, varying, strict=True)]
    yy = y.astype(float)
    wsum = weight.sum()

    def loss(theta: np.ndarray) -> tuple[float, np.ndarray]:
        z = theta[0] + X @ theta[1:]
        p = 1.0 / (1.0 + np.exp(-z))
        eps = 1e-12
        ll = -np.sum(weight * (yy * np.log(p + eps) + (1 - yy) * np.log(1 - p + eps))) / wsum
        g = weight * (p - yy) / wsum
        reg = 0.5 / (C * wsum) * np.sum(theta[1:] ** 2)
        grad = np.concatenate([[g.sum()], X.T @ g + theta[1:] / (C * wsum)])
        return float(ll + reg), grad

    res = minimize(loss, np.zeros(X.shape[1] + 1), jac=True, method="L-BFGS-B", bounds=bounds)
    theta = res.x
    return {f: round(float(v), 3) for f, v in zip(FEATURES, theta[1:], strict=True)}, round(
        float(theta[0]), 3)


# --- one report -------------------------------------------------------------------

@dataclass
class DevData:
    """Items and gold of the dev sets, built once (extraction is the slow part)."""

    ecb_docs: list[EcbDoc] = field(default_factory=list)
    ecb_items: list[LinkItem] = field(default_factory=list)
    fakes_items: list[LinkItem] = field(default_factory=list)
    fakes_gold: dict[tuple[str, int], str] = field(default_factory=dict)
    gva_docs: list[GvaDoc] = field(default_factory=list)
    gva_incidents: dict[str, GvaIncident] = field(default_factory=dict)
    gva_items: list[LinkItem] = field(default_factory=list)
    extraction: bool = False

    @classmethod
    def load(cls, *, ecbplus: str | Path | None = None, fakes: str | Path | None = None,
             gold: str | Path | None = None, gva_dir: str | Path | None = None,
             settings: Settings, use_extraction: bool = True) -> DevData:
        data = cls(extraction=use_extraction)
        if gva_dir is not None:
            data.gva_incidents = gva.read_incidents(gva_dir)
            data.gva_docs = gva.read_docs(gva_dir)
            data.gva_items = items_for_articles([d.article for d in data.gva_docs], settings,
                                                use_extraction=use_extraction)
        if ecbplus is not None:
            data.ecb_docs = load_ecbplus(ecbplus)
            data.ecb_items = items_for_articles([d.article for d in data.ecb_docs], settings,
                                                use_extraction=use_extraction)
        if fakes is not None and gold is not None:
            data.fakes_items, data.fakes_gold = fakes_items(fakes, gold, settings,
                                                            use_extraction=use_extraction)
        return data

    def half(self, which: Half | Literal["all"]) -> DevData:
        """The same data cut to one half of the fixed by-incident split (``all``: unchanged).

        ECB+ is split by topic (a topic's two incidents stay together, so within-topic
        linking keeps its hard negatives), FA-KES by gold incident, GVA by incident.
        """
        if which == "all":
            return self
        keep_ecb = [k for k, d in enumerate(self.ecb_docs) if half_of(f"ecb:{d.topic}") == which]
        keep_fk = [it for it in self.fakes_items
                   if half_of(f"fakes:{self.fakes_gold[it.key]}") == which]
        keep_gva = [k for k, d in enumerate(self.gva_docs) if half_of(f"gva:{d.incident_id}") == which]
        return DevData(
            ecb_docs=[self.ecb_docs[k] for k in keep_ecb],
            ecb_items=[self.ecb_items[k] for k in keep_ecb],
            fakes_items=keep_fk,
            fakes_gold={it.key: self.fakes_gold[it.key] for it in keep_fk},
            gva_docs=[self.gva_docs[k] for k in keep_gva],
            gva_incidents=self.gva_incidents,
            gva_items=[self.gva_items[k] for k in keep_gva],
            extraction=self.extraction,
        )

    def gva_blocks(self) -> list[list[int]]:
        """Hard blocks of the GVA articles: indices of the articles of each (state, month)
        that holds two incidents or more, in a fixed order."""
        by_block: dict[tuple[str, str], list[int]] = defaultdict(list)
        for k, d in enumerate(self.gva_docs):
            inc = self.gva_incidents.get(d.incident_id)
            if inc is None or inc.date is None or not inc.state:
                continue
            by_block[(inc.state, inc.date.strftime("%Y-%m"))].append(k)
        return [by_block[b] for b in sorted(by_block)
                if len({self.gva_docs[k].incident_id for k in by_block[b]}) >= 2]

    def problems(self) -> dict[str, list[tuple[list[LinkItem], dict[tuple[str, int], str]]]]:
        """Per corpus, the linking problems (items, gold) the evaluation runs: each ECB+
        topic alone, the FA-KES gold, each GVA hard block alone."""
        out: dict[str, list[tuple[list[LinkItem], dict[tuple[str, int], str]]]] = {}
        by_topic: dict[str, list[int]] = defaultdict(list)
        for k, d in enumerate(self.ecb_docs):
            by_topic[d.topic].append(k)
        if by_topic:
            out["ecbplus"] = [([self.ecb_items[k] for k in ks],
                               {self.ecb_items[k].key: self.ecb_docs[k].subtopic for k in ks})
                              for _t, ks in sorted(by_topic.items())]
        if self.fakes_items:
            out["fakes"] = [(self.fakes_items, self.fakes_gold)]
        blocks = self.gva_blocks()
        if blocks:
            out["gva"] = [([self.gva_items[k] for k in ks],
                           {self.gva_items[k].key: self.gva_docs[k].incident_id for k in ks})
                          for ks in blocks]
        return out


def _pooled(clusterings: Iterable[list[list[tuple[str, int]]]],
            golds: Iterable[Mapping[tuple[str, int], str]]) -> BCubed:
    pooled: list[list[tuple[str, int]]] = []
    gold: dict[tuple[str, int], str] = {}
    for k, (clusters, g) in enumerate(zip(clusterings, golds, strict=True)):
        pooled.extend(clusters)
        # gold labels are per problem: the same label in two blocks is two incidents
        gold.update({key: f"{k}\x00{v}" for key, v in g.items()})
    return b_cubed(pooled, gold)


def evaluate_section(data: DevData, settings: Settings) -> dict[str, Any]:
    """B³ of the linker on every set the data holds (one half, or all of it)."""
    linker = Linker(settings)
    report: dict[str, Any] = {}
    if data.ecb_docs:
        report["ecbplus"] = evaluate_ecbplus_items(data.ecb_docs, data.ecb_items, linker).to_dict()
        report["ecbplus"]["documents"] = len(data.ecb_docs)
    if data.fakes_items:
        clusters = _link_keys(linker, data.fakes_items)
        report["fakes"] = b_cubed(clusters, data.fakes_gold).to_dict()
        report["fakes"]["gold_clusters"] = len(set(data.fakes_gold.values()))
        report["fakes"]["predicted_clusters"] = len(clusters)
    gva_problems = data.problems().get("gva", [])
    if gva_problems:
        report["gva"] = _pooled((_link_keys(linker, items) for items, _ in gva_problems),
                                (g for _, g in gva_problems)).to_dict()
        report["gva"]["blocks"] = len(gva_problems)
        report["gva"]["incidents"] = len({v for _, g in gva_problems for v in g.values()})
    return report


def evaluate_dev(data: DevData, settings: Settings, *,
                 halves: Sequence[Half | Literal["all"]] = ("all",),
                 baseline: bool = False) -> dict[str, Any]:
    """The evaluation report: the ``all`` section at the top level (when asked for) and
    one section per half under ``"tune"`` / ``"test"``.  With ``baseline``, each section
    also scores a plain TF-IDF average-linkage clustering (``"baseline"``), its
    threshold picked on the tune half."""
    report: dict[str, Any] = {"extraction": data.extraction,
                              "threshold": Linker(settings).threshold}
    base_thr = tune_baseline(data.half("tune")) if baseline else None
    for which in halves:
        part = data.half(which)
        section = evaluate_section(part, settings)
        if base_thr is not None:
            section["baseline"] = {"method": "tfidf_average_linkage", "threshold": base_thr,
                                   **evaluate_baseline(part, base_thr)}
        if which == "all":
            report.update(section)
        else:
            report[which] = section
    return report


# --- TF-IDF average-linkage baseline -------------------------------------------------

def tfidf_average_linkage(items: Sequence[LinkItem], threshold: float,
                          chars: int = 1500) -> list[list[int]]:
    """Clusters of a plain baseline: TF-IDF cosine (IDF fitted on these items), average
    linkage, cut where the mean cosine drops below ``threshold``."""
    if len(items) < 2:
        return [[k] for k in range(len(items))]
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform
    from sklearn.feature_extraction.text import TfidfVectorizer

    texts = [(it.text or it.title or "")[:chars] for it in items]
    try:
        X = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit_transform(texts)
    except ValueError:  # nothing but stop words
        return [[k] for k in range(len(items))]
    S = (X @ X.T).toarray()
    D = np.clip(1.0 - S, 0.0, 2.0)
    np.fill_diagonal(D, 0.0)
    Z = linkage(squareform(D, checks=False), method="average")
    labels = fcluster(Z, t=1.0 - threshold, criterion="distance")
    groups: dict[int, list[int]] = defaultdict(list)
    for k, lab in enumerate(labels):
        groups[int(lab)].append(k)
    return sorted(groups.values(), key=lambda c: c[0])


def evaluate_baseline(data: DevData, threshold: float) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, problems in data.problems().items():
        runs = [[[items[i].key for i in c] for c in tfidf_average_linkage(items, threshold)]
                for items, _ in problems]
        if name == "ecbplus":
            out["ecbplus_within_topic_micro"] = _pooled(runs, (g for _, g in problems)).to_dict()
            items = data.ecb_items
            gold = {it.key: d.subtopic for d, it in zip(data.ecb_docs, items, strict=True)}
            across = [[items[i].key for i in c] for c in tfidf_average_linkage(items, threshold)]
            out["ecbplus_across_topics"] = b_cubed(across, gold).to_dict()
        else:
            out[name] = _pooled(runs, (g for _, g in problems)).to_dict()
    return out


def tune_baseline(data: DevData,
                  thresholds: Sequence[float] = tuple(np.round(np.arange(0.05, 0.951, 0.05), 2)),
                  ) -> float:
    """The baseline threshold with the best mean F1 over the sets of ``data`` (the tune half)."""
    best, best_f = 0.5, -1.0
    for thr in thresholds:
        rep = evaluate_baseline(data, float(thr))
        f = statistics.fmean(v["f1"] for v in rep.values()) if rep else 0.0
        if f > best_f:
            best, best_f = float(thr), f
    return best


def _objective(report: dict[str, Any]) -> float:
    """Mean F1 of ECB+ within-topic (micro), ECB+ across topics, FA-KES and GVA, where present."""
    parts = []
    if "ecbplus" in report:
        parts += [report["ecbplus"]["within_topic_micro"]["f1"],
                  report["ecbplus"]["across_topics"]["f1"]]
    for name in ("fakes", "gva"):
        if name in report:
            parts.append(report[name]["f1"])
    return statistics.fmean(parts) if parts else 0.0


#: the B³ precision every tune set must keep at the threshold `tune_linking` picks
PRECISION_FLOOR = 0.94


def _headline(report: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    if "ecbplus" in report:
        out += [report["ecbplus"]["within_topic_micro"], report["ecbplus"]["across_topics"]]
    out += [report[k] for k in ("fakes", "gva") if k in report]
    return out


def tune_linking(data: DevData, settings: Settings,
                 thresholds: Sequence[float] = tuple(np.round(np.arange(0.05, 0.951, 0.05), 2)),
                 ) -> dict[str, Any]:
    """Fit the pair model on the tune half's candidate pairs, then pick the threshold by
    B³ F1 on the tune half.  The test half is left untouched.

    Returns the weights, intercept and threshold (paste them into the ``[link]``
    table of a config file) and the tune-half figures at every threshold tried.
    """
    tune = data.half("tune")
    # blocking and features need no weights: the pair model being replaced is not read
    blank = settings.model_copy(deep=True)
    blank.link.weights = dict.fromkeys(FEATURES, 0.0)
    blank.link.intercept, blank.link.threshold = 0.0, 0.5
    Xs, ys, gs = [], [], []
    corpus_pairs: dict[str, dict[str, int]] = {}
    for g, (name, sets) in enumerate(sorted(tune.problems().items())):
        X, y = pair_training_data(sets, Linker(blank))
        Xs.append(X)
        ys.append(y)
        gs.append(np.full(len(y), g))
        corpus_pairs[name] = {"pairs": int(len(y)), "positive_pairs": int(y.sum())}
    X = np.vstack(Xs) if Xs else np.zeros((0, len(FEATURES)))
    y = np.concatenate(ys) if ys else np.zeros(0, dtype=bool)
    weights, intercept = fit_pair_model(X, y, np.concatenate(gs) if gs else None)
    grid: list[dict[str, Any]] = []
    for thr in thresholds:
        s = settings.model_copy(deep=True)
        s.link.weights, s.link.intercept, s.link.threshold = weights, intercept, float(thr)
        rep = evaluate_section(tune, s)
        grid.append({"threshold": float(thr), "objective": round(_objective(rep), 4),
                     "report": rep})
    # precision first: among thresholds where every tune set keeps PRECISION_FLOOR, the
    # best mean F1 (one wrong merge misleads a reader more than a missed link)
    floor = [g for g in grid if all(b["precision"] >= PRECISION_FLOOR for b in _headline(g["report"]))]
    best = max(floor or grid, key=lambda g: float(g["objective"]))
    return {"weights": weights, "intercept": intercept, "threshold": best["threshold"],
            "pairs": int(len(y)), "positive_pairs": int(y.sum()), "corpora": corpus_pairs,
            "grid": grid}


def evaluate_linking(*, ecbplus: str | Path | None = None, fakes: str | Path | None = None,
                     gold: str | Path | None = None, gva_dir: str | Path | None = None,
                     settings: Settings, use_extraction: bool = True,
                     halves: Sequence[Half | Literal["all"]] = ("all",),
                     baseline: bool = False) -> dict[str, Any]:
    """B³ figures for the datasets given, as one JSON-able report."""
    data = DevData.load(ecbplus=ecbplus, fakes=fakes, gold=gold, gva_dir=gva_dir,
                        settings=settings, use_extraction=use_extraction)
    return evaluate_dev(data, settings, halves=halves, baseline=baseline)
