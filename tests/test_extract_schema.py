"""The extraction JSON Schema: shipped copies, real output validates, broken output does not."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from corroborate import schema
from corroborate.config import Settings
from corroborate.errors import CorroborateError
from corroborate.extract.run import extract_batch
from corroborate.models import (
    Actor,
    Article,
    ArticleExtraction,
    Attribution,
    Casualty,
    Cause,
    DateClaim,
    Framing,
    Incident,
    Place,
    Span,
)

REPO = Path(__file__).resolve().parents[1]


def test_extract_schema_package_copies_match_docs() -> None:
    docs = sorted((REPO / "docs" / "schema").glob("*.schema.json"))
    assert any(p.name == "extraction.schema.json" for p in docs)
    for p in docs:
        shipped = schema.package_dir() / p.name
        assert shipped.is_file(), f"{p.name} is not shipped in {schema.package_dir()}"
        assert shipped.read_bytes() == p.read_bytes(), f"{p.name} differs from its package copy"


def test_extract_schema_extraction_is_versioned_draft_2020_12() -> None:
    from jsonschema import Draft202012Validator

    s = schema.load_schema("extraction")
    Draft202012Validator.check_schema(s)
    assert s["$schema"].endswith("/2020-12/schema")
    assert s["version"] == schema.schema_version("extraction") == "1.0"
    assert s["$id"].endswith("/extraction/1.0.json")


def test_extract_schema_unknown_name_is_e071() -> None:
    with pytest.raises(CorroborateError) as exc:
        schema.load_schema("no-such-thing")
    assert exc.value.code == "E071"


def full_extraction() -> dict[str, Any]:
    """Every optional field filled, built from the records (not hand-written JSON)."""
    text = "Rebels said 3 civilians were killed and 4 hurt in an airstrike on Idlib on 2 May."
    s = lambda a, b: Span(a, b, text[a:b])  # noqa: E731
    inc = Incident(
        date=DateClaim("2019-05-02", "day", s(76, 81)),
        place=Place("Idlib", s(69, 74), admin1="Idlib", country="SY", lat=35.93, lon=36.63,
                    kind="city", geonameid=169389),
        actors=[Actor("Rebels", s(0, 6), role="mentioned", kind="armed_group", country="SY")],
        casualties=[Casualty("killed", 3, 3, "exact", s(12, 34), victims="civilian",
                             attributed_to="Rebels"),
                    Casualty("injured", 4, 4, "exact", s(39, 45))],
        cause=Cause("airstrike", s(52, 61), weapon=None),
        attributions=[Attribution("Rebels", "said", s(0, 11))],
        framing=[Framing("deliberate", s(0, 6), speaker="Rebels")],
        salience=0.75,
    )
    inc.toll["killed"]["total"] = inc.toll["killed"]["civilian"] = 3
    inc.toll["injured"]["total"] = 4
    art = Article(id="a1", text=text, outlet="Example", published="2019-05-03")
    return ArticleExtraction(art.id, art.outlet, art.published, art.title, [inc],
                             language="en", warnings=["note"]).to_dict()


def test_extract_schema_hand_built_extraction_validates() -> None:
    d = full_extraction()
    assert schema.problems(d, "extraction") == []
    schema.validate(json.loads(json.dumps(d)), "extraction")


def test_extract_schema_real_extractions_validate(seeds_dir: Path) -> None:
    from corroborate.ingest import read_inputs

    batch = read_inputs([seeds_dir])
    results = extract_batch(batch.articles, Settings())
    assert len(results) == 2
    assert sum(len(d["incidents"]) for d in results) >= 2
    for d in results:
        schema.validate(d, "extraction")
        assert any(inc["framing"] for inc in d["incidents"])


def _break(path: list[Any], value: Any) -> dict[str, Any]:
    d = copy.deepcopy(full_extraction())
    node: Any = d
    for key in path[:-1]:
        node = node[key]
    if value is KeyError:
        del node[path[-1]]
    else:
        node[path[-1]] = value
    return d


@pytest.mark.parametrize(("path", "value"), [
    (["warnings"], KeyError),
    (["incidents", 0, "casualties", 0, "outcome"], "wounded"),
    (["incidents", 0, "casualties", 0, "qualifier"], "roughly"),
    (["incidents", 0, "casualties", 0, "victims"], "civilians"),
    (["incidents", 0, "casualties", 0, "min"], -1),
    (["incidents", 0, "casualties", 0, "max"], 2.5),
    (["incidents", 0, "actors", 0, "role"], "attacker"),
    (["incidents", 0, "date_precision"], "week"),
    (["incidents", 0, "framing", 0, "label"], "accident"),
    (["incidents", 0, "attributions", 0, "kind"], "rumour"),
    (["incidents", 0, "attributions", 0, "start"], "0"),
    (["incidents", 0, "cause", "end"], 52),  # end == start
    (["incidents", 0, "place", "country"], "Syria"),
    (["incidents", 0, "toll", "killed", "total"], -3),
    (["incidents", 0, "salience"], None),
    (["incidents", 0, "extra"], 1),
    (["published"], "3 May 2019"),
])
def test_extract_schema_broken_instance_fails(path: list[Any], value: Any) -> None:
    broken = _break(path, value)
    assert schema.problems(broken, "extraction")
    assert not schema.is_valid(broken, "extraction")
    with pytest.raises(CorroborateError) as exc:
        schema.validate(broken, "extraction")
    assert exc.value.code == "E070"
    assert exc.value.context["problems"]


def _evidence(node: Any) -> list[dict[str, Any]]:
    if isinstance(node, dict):
        found = [node] if {"start", "end", "text"} <= node.keys() else []
        return found + [e for v in node.values() for e in _evidence(v)]
    if isinstance(node, list):
        return [e for v in node for e in _evidence(v)]
    return []


@pytest.mark.slow
def test_extract_schema_every_fakes_extraction_validates(fakes_csv: Path) -> None:
    from corroborate.ingest import read_inputs

    articles = read_inputs([fakes_csv]).articles
    assert len(articles) > 700
    results = extract_batch(articles, Settings())
    by_id = {a.id: a for a in articles}
    invalid = [(d["id"], schema.problems(d, "extraction")[:3]) for d in results
               if not schema.is_valid(d, "extraction")]
    assert invalid == []
    for d in results:
        text = by_id[d["id"]].full_text
        for ev in _evidence(d["incidents"]):
            assert text[ev["start"]:ev["end"]] == ev["text"], (d["id"], ev)
