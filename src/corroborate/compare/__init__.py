"""Cross-source comparison of linked reports: the compare stage.

Input: the linker's clusters of `LinkItem`s (one item = one incident as one
article reports it), the extraction dicts and the articles.  Output: one
incident dict per cluster in the shape of ``docs/schema/incidents.schema.json``
(claims matrix, consensus, contradictions, timeline, independent origins,
grade).  The stage is a pure function of its inputs, so it can be mapped over
partitions of clusters.

The rules (what counts as a contradiction, which figures are "credible", how
origins are grouped, how the grade is chosen) are documented in
``docs/comparison.md``; the constants in `common` are the knobs they name.

Modules, one concern each: `common` (constants, ids, outlets, wires, text
overlap, causes), `figures`, `origins` (reports and origin grouping),
`consensus`, `contradictions`, `grade`, `matrix` and `incident` (one incident
per cluster).  How figures are worded for a reader lives in
`corroborate.present`, not here.
"""

from __future__ import annotations

from .common import (
    ABOUT_TOL,
    ABS_TOL,
    CLAIMS,
    CONTAINMENT,
    CONTRADICTION_CLAIMS,
    GENERIC_CAUSES,
    JACCARD,
    MIN_SHINGLES,
    NUMERIC_CLAIMS,
    OUTLIER_FACTOR,
    OUTLIER_MIN_REPORTS,
    REL_TOL,
    SHINGLE,
    VERSION,
    WIRES,
    causes_compatible,
    incident_id,
    outlet_key,
    same_outlet,
    shingles,
    text_overlap,
    wire_name,
)
from .consensus import categorical_consensus, credible_figures, numeric_consensus
from .contradictions import (
    figure_sides,
    framing_contradictions,
    numeric_contradiction,
    perpetrator_contradiction,
    rising_toll,
)
from .figures import Figure, compatible, figure_of
from .grade import PARTY_ALIASES, grade, parties, same_party
from .incident import compare_incidents, compare_reports, incidents_document
from .matrix import build_matrix
from .origins import Report, group_origins

__all__ = [
    "ABOUT_TOL", "ABS_TOL", "CLAIMS", "CONTAINMENT", "CONTRADICTION_CLAIMS", "GENERIC_CAUSES",
    "JACCARD", "MIN_SHINGLES", "NUMERIC_CLAIMS", "OUTLIER_FACTOR", "OUTLIER_MIN_REPORTS",
    "PARTY_ALIASES", "REL_TOL", "SHINGLE", "VERSION", "WIRES", "Figure", "Report", "build_matrix",
    "categorical_consensus", "causes_compatible", "compare_incidents", "compare_reports",
    "compatible", "credible_figures", "figure_of", "figure_sides", "framing_contradictions",
    "grade", "group_origins", "incident_id", "incidents_document", "numeric_consensus",
    "numeric_contradiction", "outlet_key", "parties", "perpetrator_contradiction", "rising_toll",
    "same_outlet", "same_party", "shingles", "text_overlap", "wire_name",
]
