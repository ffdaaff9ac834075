"""The two seed reports of the 17 Sep 2016 Deir ez-Zor airstrike link into one incident."""

from __future__ import annotations

from pathlib import Path

from corroborate.config import Settings
from corroborate.link import Linker, LinkItem, items_from_extractions


def _seed_texts(seeds_dir: Path) -> dict[str, str]:
    return {p.stem: p.read_text(encoding="utf-8") for p in sorted(seeds_dir.glob("*.txt"))}


def test_link_seeds_hand_built_items_link(seeds_dir: Path) -> None:
    texts = _seed_texts(seeds_dir)
    sputnik = next(v for k, v in texts.items() if k.startswith("2016-09-17"))
    rt = next(v for k, v in texts.items() if k.startswith("rt-"))
    # the facts each report states (event date, place, cause, toll), set by hand;
    # the RT piece is published ten days after the strike
    items = [
        LinkItem("centcom", 0, outlet="Sputnik", published="2016-09-17", date="2016-09-17",
                 date_precision="day", place_name="Deir ez-Zor", admin1="Deir ez-Zor",
                 country="SY", lat=35.33, lon=40.14, actors=["US-led coalition", "Syrian Army"],
                 perpetrators=["US-led coalition"], cause="airstrike", killed_min=None,
                 killed_max=80, text=sputnik),
        LinkItem("rt", 0, outlet="RT", published="2016-09-27", date="2016-09-17",
                 date_precision="day", place_name="Deir ez-Zor", admin1="Deir ez-Zor",
                 country="SY", lat=35.33, lon=40.14, actors=["US-led coalition", "Syrian Army"],
                 perpetrators=["US-led coalition"], cause="airstrike", killed_min=62,
                 killed_max=62, text=rt),
        # an unrelated incident the same month elsewhere stays apart
        LinkItem("other", 0, outlet="X", published="2016-09-20", date="2016-09-19",
                 date_precision="day", place_name="Aleppo", admin1="Aleppo", country="SY",
                 lat=36.2, lon=37.16, cause="shelling", killed_min=4, killed_max=4,
                 text="Shells hit a residential district of Aleppo, killing four people."),
    ]
    assert Linker(Settings()).link(items) == [[0, 1], [2]]


def test_link_seeds_extracted_items_link(seeds_dir: Path) -> None:
    from corroborate.extract import extract_many
    from corroborate.ingest import read_inputs

    articles = read_inputs([seeds_dir]).articles
    assert len(articles) == 2
    extractions = [e.to_dict() for e in extract_many(articles)]
    items = items_from_extractions(extractions, {a.id: a for a in articles})
    headline = [i for i, it in enumerate(items) if it.incident_index == 0]
    clusters = Linker(Settings()).link(items)
    together = [c for c in clusters if set(headline) <= set(c)]
    assert together, f"seed headline incidents not linked: {clusters}"
