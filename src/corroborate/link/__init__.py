"""Incident linking: which (article, incident) pairs report the same real-world incident.

Three overridable steps, as in dedupe/splink:

1. `Linker.pairs` -- **blocking**.  The batch is first cut into independent
   partitions (`corroborate.link.partition`: a region with the regionless reports
   that match it); candidate pairs come from two blocks inside each partition, so
   the work stays near-linear in the number of items and linking each partition
   alone gives the same clusters:

   * a *place x date* block: items sharing an admin-1 region (or, failing that,
     a country) whose anchor dates lie within the window (sorted-neighbourhood,
     at most ``max_block_neighbours`` per item).  The anchor is the event date;
     a report without one falls back to its published date with a wider window
     (a report published days later about an earlier event must still meet);
   * a *text* block: the ``text_k`` nearest neighbours by TF-IDF cosine among
     items whose anchor dates fall in the same or the next date bucket (buckets
     hold at most ``block_cap`` items), so reports without an extracted place
     still meet.  Undated items are compared with every item of their partition.

2. `Linker.score` -- a logistic model over pair features (text and name
   cosine, years mentioned, date distance, place agreement and haversine
   distance, actor/perpetrator overlap, cause, compatibility of the killed
   figures).  Weights were fitted on dev data (ECB+ and the FA-KES linking
   gold) with sign constraints; see docs/linking.md.

3. `Linker.cluster` -- average-linkage agglomeration over the scored edges with
   cannot-link constraints: two incidents of the same article never merge, and
   two *firm* event dates (day precision, consistent with their report's
   published date) more than ``conflict_days`` apart never merge.
"""

from __future__ import annotations

from .features import FEATURES, pair_features
from .items import LinkItem, items_from_extractions
from .linker import Linker
from .model import PairModel, load_pair_model

__all__ = [
    "FEATURES",
    "LinkItem",
    "Linker",
    "PairModel",
    "items_from_extractions",
    "load_pair_model",
    "pair_features",
]
