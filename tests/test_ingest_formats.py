"""Ingest of every supported input format, from small hand-written fixtures."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from corroborate.errors import CorroborateError
from corroborate.ingest import read_inputs
from corroborate.models import Article

DATA = Path(__file__).parent / "data" / "ingest"


def one(path: Path | str, **kw: object) -> Article:
    batch = read_inputs([path], **kw)  # type: ignore[arg-type]
    assert batch.rejects == []
    assert len(batch.articles) == 1
    return batch.articles[0]


def test_ingest_markdown_front_matter() -> None:
    a = one(DATA / "report.md")
    assert (a.id, a.title, a.outlet, a.published, a.url) == (
        "market-report", "Rockets hit market square", "Example Gazette", "2021-08-09",
        "https://gazette.example.com/rockets")
    assert a.text.startswith("Rockets struck the market square")
    assert "---" not in a.text and "paraphrase_of" not in a.text
    assert a.provenance[0].metadata == {"paraphrase_of": "wire-story-7",
                                        "note": "hand-written sample"}
    assert a.provenance[0].row is None and a.language == "en"


def test_ingest_markdown_heading_is_title() -> None:
    a = one(DATA / "no-title.md")
    assert a.id == "no-title"
    assert a.title == "Convoy ambushed on mountain road"
    assert a.text.startswith("Gunmen ambushed")
    assert a.full_text.startswith("Convoy ambushed on mountain road\n\nGunmen")


def test_ingest_seeds_format_text() -> None:
    a = one(DATA / "seed-format.txt")
    assert a.id == "seed-format"
    assert a.published == "2016-10-02"
    assert a.outlet == "Example Radio"
    assert a.text.startswith("Three fishermen were killed")
    assert a.text.endswith("Source: Example Radio")  # the source line stays in the text
    assert "date 2016" not in a.text
    assert a.full_text == a.text  # the derived title is the first line of the body


def test_ingest_seeds(seeds_dir: Path) -> None:
    batch = read_inputs([seeds_dir])
    assert batch.rejects == []
    by_id = {a.id: a for a in batch.articles}
    assert set(by_id) == {"2016-09-17-centcom-admits-deir-al-zor-strike",
                          "rt-2016-09-27-deir-ez-zor-recording"}
    rt = by_id["rt-2016-09-27-deir-ez-zor-recording"]
    assert (rt.published, rt.outlet, rt.language) == ("2016-09-27", "RT News", "en")
    assert "62" in rt.text or "Sixty-two" in rt.text
    centcom = by_id["2016-09-17-centcom-admits-deir-al-zor-strike"]
    assert centcom.published == "2016-09-17" and centcom.outlet is None
    assert not centcom.text.startswith(("date", " "))


def test_ingest_html_page() -> None:
    a = one(DATA / "page.html")
    assert a.id == "page"
    assert a.title == "Shelling hits market in Idlib province"
    assert a.published == "2019-05-14"
    assert a.outlet == "Example Wire"
    assert a.url == "https://wire.example.org/2019/05/14/idlib-market"
    assert "at least 12 civilians were killed" in a.text
    assert "Tuesday morning, local rescuers told this agency.\n\nThe rescue workers" in a.text
    assert "Copyright" not in a.text and "Sport" not in a.text  # boilerplate dropped


def test_ingest_rss_feed() -> None:
    batch = read_inputs([DATA / "rss-feed.xml"])
    assert batch.rejects == []
    first, second = batch.articles
    assert (first.id, second.id) == ("rss-feed-0", "rss-feed-1")
    assert first.title == "Car bomb kills five near checkpoint"
    assert first.outlet == "Example Daily" and first.published == "2019-06-03"
    assert first.url == "https://daily.example.com/news/car-bomb-checkpoint"
    # entry HTML is reduced to text, one paragraph per block
    assert first.text == ("A car bomb exploded near an army checkpoint on the edge of the city "
                          "on Monday, killing five people.\n\nPolice said eight others were "
                          "injured.")
    assert [p.row for p in second.provenance] == [1]


def test_ingest_atom_feed() -> None:
    batch = read_inputs([DATA / "atom-feed.atom"])
    assert batch.rejects == []
    first, second = batch.articles
    assert first.published == "2020-02-01"  # published wins over updated
    assert second.published == "2020-02-02"  # updated when there is no published
    assert first.outlet == "Example Monitor"
    assert "<p>" not in first.text and "20 fighters dead" in first.text
    assert second.text.startswith("A drone struck a convoy")


def test_ingest_csv_autodetects_columns() -> None:
    batch = read_inputs([DATA / "articles.csv"])
    assert batch.rejects == []
    a, b = batch.articles
    assert (a.id, a.title, a.outlet, a.published, a.url) == (
        "articles-0", "Mortar fire on school", "Example Times", "2018-03-11",
        "https://times.example.com/a1")
    assert a.provenance[0].metadata == {"region": "south"}
    assert b.published == "2018-03-12"  # 03/12/2018 read month first
    assert "\n\nObservers said" in b.text  # quoted newlines survive


def test_ingest_jsonl_with_varying_keys() -> None:
    batch = read_inputs([DATA / "records.jsonl"])
    assert batch.rejects == []
    a, b = batch.articles
    assert (a.id, a.outlet, a.published) == ("custom-1", "Example Post", "2017-07-01")
    assert a.provenance[0].metadata == {"tags": ["health", "strike"]}
    assert (b.id, b.title, b.published) == ("records-1", "Bridge destroyed", "2017-07-02")
    assert b.text.startswith("Fighters blew up")


def test_ingest_json_array(tmp_path: Path) -> None:
    path = tmp_path / "dump.json"
    path.write_text(json.dumps([{"title": "T", "body": "Gunfire in the city overnight."},
                                {"body": "A second report of shelling."}]))
    batch = read_inputs([path])
    assert [a.id for a in batch.articles] == ["dump-0", "dump-1"]
    assert batch.articles[0].title == "T"


def test_ingest_map_overrides_columns(tmp_path: Path) -> None:
    path = tmp_path / "odd.csv"
    path.write_text("text,story,when\nignore me,Shelling hit the port.,5 June 2019\n")
    a = one(path, mapping={"text": "story", "published": "when"})
    assert a.text == "Shelling hit the port."
    assert a.published == "2019-06-05"
    assert a.provenance[0].metadata == {"text": "ignore me"}


def test_ingest_map_unknown_field_is_e018() -> None:
    with pytest.raises(CorroborateError) as exc:
        read_inputs([DATA / "articles.csv"], mapping={"body": "Body"})
    assert exc.value.code == "E018"


def test_ingest_map_missing_column_is_e007() -> None:
    batch = read_inputs([DATA / "articles.csv"], mapping={"text": "nope"})
    assert [r.code for r in batch.rejects] == ["E007"]
    assert batch.articles == []


def test_ingest_stdin_text_and_jsonl() -> None:
    batch = read_inputs(["-"], stdin=io.StringIO("date 2019-02-03 A shell hit a bakery.\n"))
    (a,) = batch.articles
    assert (a.id, a.published, a.text) == ("stdin-0", "2019-02-03", "A shell hit a bakery.")
    assert a.provenance[0].source == "<stdin>"
    lines = "\n".join(json.dumps({"text": t}) for t in ("One report.", "Another report."))
    batch = read_inputs(["-"], stdin=io.StringIO(lines + "\n"))
    assert [(a.id, a.provenance[0].row) for a in batch.articles] == [("stdin-0", 0),
                                                                     ("stdin-1", 1)]


def test_ingest_folder_recursive_and_sorted(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text("Report B about an airstrike.")
    (tmp_path / "a.md").write_text("Report A about shelling.")
    (tmp_path / ".hidden.txt").write_text("Hidden file.")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\x00\x00")
    batch = read_inputs([tmp_path])
    assert [a.id for a in batch.articles] == ["a", "b"]
    assert batch.rejects == []


def test_ingest_dedupes_within_batch(tmp_path: Path) -> None:
    (tmp_path / "one.txt").write_text("Same   report\ntext.")
    (tmp_path / "two.txt").write_text("same report text.")
    (tmp_path / "three.txt").write_text("A different report.")
    batch = read_inputs([tmp_path])
    assert batch.read == 3 and batch.duplicates == 1
    by_id = {a.id: a for a in batch.articles}
    assert set(by_id) == {"one", "three"}
    assert [p.source for p in by_id["one"].provenance] == [str(tmp_path / "one.txt"),
                                                           str(tmp_path / "two.txt")]


def test_ingest_taken_id_gets_hash_suffix(tmp_path: Path) -> None:
    (tmp_path / "x").mkdir()
    (tmp_path / "report.txt").write_text("First text.")
    (tmp_path / "x" / "report.txt").write_text("Second, different text.")
    batch = read_inputs([tmp_path])
    first, second = batch.articles
    assert first.id == "report"
    assert second.id == f"report-{second.content_hash[:6]}"


def test_ingest_detects_legacy_encoding(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    text = ("Le café près de la gare a été touché par un obus, selon les témoins. Les secours "
            "ont évacué trois blessés vers l'hôpital régional. Le maire a dénoncé une attaque "
            "délibérée contre des civils et a demandé une enquête indépendante.")
    path.write_bytes(text.encode("cp1252"))
    a = one(path)
    assert a.text == text
    assert a.language == "fr"


def test_ingest_accepts_5mb_article(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    sentence = "Shelling continued in the eastern district through the night. "
    path.write_text(sentence * (5_000_000 // len(sentence) + 1))
    assert path.stat().st_size > 5_000_000
    a = one(path)
    assert len(a.text) > 4_999_000


@pytest.mark.parametrize(("text", "lang"), [
    ("Rescue workers said the shelling destroyed several houses in the village.", "en"),
    ("Les secouristes ont indiqué que les bombardements ont détruit plusieurs maisons.", "fr"),
    ("Die Helfer sagten, der Beschuss habe mehrere Häuser im Dorf zerstört.", "de"),
    ("Los rescatistas dijeron que el bombardeo destruyó varias casas del pueblo.", "es"),
    ("قال عمال الإنقاذ إن القصف دمر عدة منازل في القرية", "ar"),
])
def test_ingest_detect_language_agrees_with_py3langid(text: str, lang: str) -> None:
    import py3langid

    from corroborate.ingest import detect_language

    assert detect_language(text) == lang == py3langid.classify(text)[0]
    assert detect_language("12 34 !!") is None
