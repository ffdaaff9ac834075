"""Why the linker got a pair wrong: every pair of items of one linking problem, sorted into
error buckets.

Two kinds of error, counted in item pairs (B³ penalises both through them):

* **apart**: two reports of one gold incident the linker left in different clusters:
  held apart by a claim rule (`VETOES`, named), scored at or above the threshold but not
  joined (average linkage with the rest of the clusters, or never a candidate), or scored
  below it;
* **joined**: two reports of different gold incidents put in one cluster: their own pair
  scored at or above the threshold, or it did not and other members joined them.

The problems are those the evaluation runs (`DevData.problems`: each ECB+ topic alone, the
FA-KES gold, each GVA hard block alone), so the buckets explain the within-topic, FA-KES
and GVA figures of ``corroborate evaluate linking``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from itertools import combinations
from typing import Any

from ..link.features import VETOES
from ..link.items import LinkItem
from ..link.linker import Linker
from .linking import DevData

APART_BELOW = "apart: scored below the threshold"
APART_ABOVE = "apart: scored at or above the threshold, not joined"
JOINED_ABOVE = "joined: scored at or above the threshold"
JOINED_BELOW = "joined: scored below the threshold, joined through other members"


def _apart_veto(reason: str) -> str:
    return f"apart: {reason}"


def _joined_veto(reason: str) -> str:
    return f"joined: {reason}"


def problem_errors(linker: Linker, items: Sequence[LinkItem],
                   gold: Mapping[tuple[str, int], str]) -> Counter[str]:
    """Error buckets of one linking problem: each wrong pair counted once."""
    items = list(items)
    cluster_of: dict[int, int] = {}
    for c, members in enumerate(linker.link(items)):
        for i in members:
            cluster_of[i] = c
    wrong = [(i, j) for i, j in combinations(range(len(items)), 2)
             if (gold[items[i].key] == gold[items[j].key]) != (cluster_of[i] == cluster_of[j])]
    out: Counter[str] = Counter()
    if not wrong:
        return out
    scores = linker.score(items, wrong)
    vetoes = linker.vetoes(items, wrong)
    for (i, j), s, v in zip(wrong, scores, vetoes, strict=True):
        same_gold = gold[items[i].key] == gold[items[j].key]
        if same_gold:
            out[_apart_veto(VETOES[v - 1]) if v else
                APART_ABOVE if s >= linker.threshold else APART_BELOW] += 1
        else:
            out[_joined_veto(VETOES[v - 1]) if v else
                JOINED_ABOVE if s >= linker.threshold else JOINED_BELOW] += 1
    return out


def error_buckets(problems: Mapping[str, Sequence[tuple[Sequence[LinkItem],
                                                        Mapping[tuple[str, int], str]]]],
                  linker: Linker) -> dict[str, dict[str, int]]:
    """Per corpus, the error buckets summed over its problems, largest first."""
    report: dict[str, dict[str, int]] = {}
    for corpus, probs in problems.items():
        total: Counter[str] = Counter()
        for items, gold in probs:
            total.update(problem_errors(linker, items, gold))
        report[corpus] = dict(sorted(total.items(), key=lambda kv: (-kv[1], kv[0])))
    return report


def errors_report(data: DevData, linker: Linker, halves: Sequence[Any]) -> dict[str, Any]:
    """``{half: {corpus: {bucket: pairs}}}`` for the halves asked for (`DevData.half`)."""
    return {which: error_buckets(data.half(which).problems(), linker) for which in halves}
