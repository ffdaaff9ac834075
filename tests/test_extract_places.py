"""Places: gazetteer matching, aliases, country-aware disambiguation, user files."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corroborate.config import Settings
from corroborate.doc import Doc
from corroborate.errors import CorroborateError
from corroborate.extract import gazetteer, places
from corroborate.extract.actors import crowd_category
from corroborate.models import Article, Place


def _places(text: str, comp=None) -> list[Place]:
    comp = comp or places.create(Settings())
    return comp(Doc(Article(id="t", text=text))).get("places")


def _seed(path: Path) -> Article:
    raw = path.read_text(encoding="utf-8")
    m = re.match(r"\s*date (\d{4}-\d{2}-\d{2})\s*", raw)
    assert m
    return Article(id=path.stem, text=raw[m.end():].strip(), published=m.group(1))


@pytest.mark.parametrize("spelling", [
    "Deir ez-Zor", "Deir al-Zor", "Deir Ezzor", "Dayr az Zawr", "Deir el-Zour",
])
def test_places_deir_ez_zor_spellings_one_place(spelling: str) -> None:
    (p,) = _places(f"Fighting near {spelling} continued.")
    assert (p.name, p.admin1, p.country, p.kind) == ("Deir ez-Zor", "Deir ez-Zor", "SY", "city")
    assert p.lat == pytest.approx(35.34, abs=0.1) and p.lon == pytest.approx(40.14, abs=0.1)
    assert p.span.text == spelling


@pytest.mark.parametrize(("a", "b"), [
    ("Raqqa", "Raqa"), ("Raqqa", "Rakka"), ("Hasakeh", "Al-Hasakah"), ("Hasakah", "Hasakeh"),
    ("Idlib", "Idleb"), ("Khan Shaykhun", "Khan Sheikhoun"), ("Khan Shaykhoun", "Khan Shaykhun"),
    ("Qamishli", "Qamishly"), ("Aleppo", "Halab"),
])
def test_places_aliases_resolve_to_same_place(a: str, b: str) -> None:
    (pa,) = _places(f"Shelling hit {a} on Monday.")
    (pb,) = _places(f"Shelling hit {b} on Monday.")
    assert (pa.name, pa.geonameid, pa.admin1) == (pb.name, pb.geonameid, pb.admin1)
    assert pa.country == "SY"


def test_places_lowercase_article_prefix() -> None:
    found = _places("Turkish troops entered al-Bab and el-Bab.")
    assert [p.name for p in found] == ["Al-Bab", "Al-Bab"]
    assert _places("the bab and the bab al") == []


def test_places_douma_and_jabal_thardah() -> None:
    found = {p.name: p for p in _places("Raids on Douma. Jabal Thardah overlooks the airport.")}
    assert found["Douma"].admin1 == "Rif Dimashq"
    assert found["Jabal Thardah"].kind == "landmark"
    assert found["Jabal Thardah"].admin1 == "Deir ez-Zor" and found["Jabal Thardah"].lat


@pytest.mark.parametrize(("text", "name", "country", "admin1"), [
    ("Boko Haram fighters attacked Maiduguri overnight.", "Maiduguri", "NG", "Borno"),
    ("Missiles struck Kharkiv on Tuesday.", "Kharkiv", "UA", "Kharkiv"),
    ("A gunman opened fire in Dallas, police said.", "Dallas", "US", "Texas"),
    ("A car bomb went off in Mosul.", "Mosul", "IQ", "Nineveh"),
])
def test_places_cities_anywhere_carry_their_admin1(text: str, name: str, country: str,
                                                   admin1: str) -> None:
    found = [p for p in _places(text) if p.name == name]
    assert found and (found[0].country, found[0].admin1) == (country, admin1)


def test_places_homs_in_syria_not_libya() -> None:
    (p,) = _places("A missile hit an airbase near Homs.")
    assert p.country == "SY"
    found = _places("Syrian troops in Homs and Hama were shelled.")
    assert {p.country for p in found} == {"SY"}


def test_places_homs_in_libyan_story_is_al_khums() -> None:
    found = _places("Militias from Misrata and Zliten clashed near Homs, east of Tripoli.")
    assert [(p.name, p.country) for p in found if p.span.text == "Homs"] == [("Al Khums", "LY")]


def test_places_country_context_picks_referent() -> None:
    gaz = gazetteer.load()
    assert {e.country for e in gaz.lookup("Homs")} >= {"SY", "LY"}
    # Tripoli is in Libya and Lebanon: the other places of the story decide
    lebanon = _places("Clashes in Beirut and Sidon spread to Tripoli.")
    assert [p.country for p in lebanon if p.span.text == "Tripoli"] == ["LB"]
    libya = _places("Clashes in Benghazi and Misrata spread to Tripoli.")
    assert [p.country for p in libya if p.span.text == "Tripoli"] == ["LY"]


@pytest.mark.parametrize(("text", "name"), [
    ("Airstrikes in Idlib province killed 12.", "Idlib province"),
    ("in the Deir ez-Zor governorate", "Deir ez-Zor governorate"),
    ("the province of Aleppo", "province of Aleppo"),
])
def test_places_governorates_are_admin1(text: str, name: str) -> None:
    (p,) = _places(text)
    assert p.kind == "admin1" and p.span.text == name and p.country == "SY"


@pytest.mark.parametrize("text", [
    "In March the talks resumed.", "Reading the report, he said it was nice.",
    "the syrian army and homs", "It was a good deal for Mobile phones.",
    "The Syrian army advanced.", "Sputnik Arabic and Al Jazeera reported it.",
    "The Syrian Observatory for Human Rights said so.", "SANA reported the attack.",
    "But the attack continued.", "Vladimir Putin spoke.", "The Jordan Times reported.",
])
def test_places_not_places(text: str) -> None:
    assert _places(text) == []


def test_places_demonym_is_context_not_mention() -> None:
    found = _places("Syrian forces retook Palmyra from Syria's enemies.")
    assert [p.span.text for p in found] == ["Palmyra", "Syria"]


def test_places_admin1_and_districts_outside_syria() -> None:
    found = {p.span.text: p for p in _places("Attacks in Borno state and the Gaza Strip.")}
    assert (found["Borno state"].kind, found["Borno state"].admin1) == ("admin1", "Borno")
    assert (found["Gaza Strip"].kind, found["Gaza Strip"].country) == ("district", "PS")


def test_places_world_cities() -> None:
    found = {p.name: p for p in _places("Bombings in Kabul, Mogadishu and Mosul; talks in Geneva.")}
    assert found["Kabul"].country == "AF"
    assert found["Mogadishu"].country == "SO"
    assert found["Mosul"].country == "IQ" and found["Mosul"].admin1 == "Nineveh"


def test_places_user_gazetteer(tmp_path: Path) -> None:
    path = tmp_path / "mine.tsv"
    path.write_text(
        "name\taliases\tadmin1\tcountry\tlat\tlon\tkind\n"
        "Tel Hamis Junction\tTal Hamis crossing|Tell Hamis Junction\tAl-Hasakah\tSY\t36.6\t41.1"
        "\tlandmark\n", encoding="utf-8")
    comp = places.create(Settings(gazetteers=[path]))
    (p,) = _places("Clashes near Tal Hamis crossing.", comp)
    assert (p.name, p.kind, p.admin1, p.lat) == (
        "Tel Hamis Junction", "landmark", "Al-Hasakah", 36.6)
    # the bundled gazetteer is still there
    assert _places("Clashes near Aleppo.", comp)[0].name == "Aleppo"


@pytest.mark.parametrize(("content", "field"), [
    ("name\taliases\tadmin1\tcountry\tlat\tlon\tkind\nX\t\t\tSY\tnorth\t1\tcity\n", "lat"),
    ("name\taliases\tadmin1\tcountry\tlat\tlon\tkind\nX\t\t\tSYR\t1\t1\tcity\n", "country"),
    ("name\taliases\tadmin1\tcountry\tlat\tlon\tkind\nX\t\t\tSY\t1\t1\tplanet\n", "kind"),
])
def test_places_malformed_user_file_e050(tmp_path: Path, content: str, field: str) -> None:
    path = tmp_path / "bad.tsv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CorroborateError) as exc:
        places.create(Settings(gazetteers=[path]))
    assert exc.value.code == "E050" and exc.value.row == 0 and exc.value.field == field


def test_places_user_gazetteer_csv(tmp_path: Path) -> None:
    path = tmp_path / "mine.csv"
    path.write_text('name,aliases,admin1,country,lat,lon,kind\n'
                    '"Kafr Hamra, north",Kfar Hamra|Kafr Hamrah,Aleppo,SY,36.27,37.08,city\n',
                    encoding="utf-8")
    comp = places.create(Settings(gazetteers=[path]))
    (p,) = _places("Shells fell on Kfar Hamra.", comp)
    assert (p.name, p.admin1, p.lon) == ("Kafr Hamra, north", "Aleppo", 37.08)


def test_places_missing_columns_e050(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("town,lat\nX,1\n", encoding="utf-8")
    with pytest.raises(CorroborateError) as exc:
        places.create(Settings(gazetteers=[path]))
    assert exc.value.code == "E050"


def test_places_seeds_resolve_deir_ez_zor(seeds_dir: Path) -> None:
    comp = places.create(Settings())
    admin = set()
    for path in sorted(seeds_dir.iterdir()):
        found = comp(Doc(_seed(path))).get("places")
        deir = [p for p in found if "Deir" in p.span.text]
        assert deir, path.name
        admin |= {(p.admin1, p.country, p.lat is not None) for p in deir}
    assert admin == {("Deir ez-Zor", "SY", True)}


def test_places_crowd_location() -> None:
    (p,) = _places("near Deir al-Zor")
    assert crowd_category(p) == "deir ezzor"
    (p,) = _places("in Hasakeh")
    assert crowd_category(p) == "hasakeh"
    (p,) = _places("in Douma")
    assert crowd_category(p) == "damascus"
    assert crowd_category("Latakia", "location") == "lattakia"


_WORDS = st.sampled_from([
    "Deir ez-Zor", "Deir al-Zor", "Homs", "Idlib province", "province of Aleppo", "Syrian",
    "Al Jazeera", "al-Bab", "Aleppo", " ", ", ", ".", "\n", "in ", "İ", "ß", "Raqqa's",
    "Tripoli", "ДАМАСК", "the town of ",
])


@settings(max_examples=150, deadline=None)
@given(parts=st.lists(st.one_of(_WORDS, st.text(max_size=6)), max_size=14))
def test_places_spans_match_text(parts: list[str]) -> None:
    text = "".join(parts)
    if not text.strip():
        return
    doc = places.create(Settings())(Doc(Article(id="h", text=text)))
    for p in doc.get("places"):
        assert 0 <= p.span.start < p.span.end <= len(doc.text)
        assert doc.text[p.span.start:p.span.end] == p.span.text


def test_places_fold_text_keeps_offsets() -> None:
    text = "İstanbul ﬁre Deir ez-Zor"
    assert len(gazetteer.fold_text(text)) == len(text)


def _fakes_docs(fakes_csv: Path, crowd_dev_csv: Path) -> list[tuple[Doc, dict[str, str]]]:
    import csv

    with open(fakes_csv, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    with open(crowd_dev_csv, encoding="utf-8", newline="") as fh:
        crowd = list(csv.DictReader(fh))
    out = []
    for c in crowd:
        row = rows[int(c["row"])]
        article = Article(id=f"fa-kes-dataset-{c['row']}", title=row["article_title"],
                          text=row["article_content"])
        out.append((Doc(article), c))
    return out


@pytest.mark.slow
def test_places_fakes_crowd_location_agreement(fakes_csv: Path, crowd_dev_csv: Path) -> None:
    """Headline place (first Syrian place of the title, else of the text) vs crowd location."""
    comp = places.create(Settings())
    pairs = _fakes_docs(fakes_csv, crowd_dev_csv)
    agree = 0
    for doc, crowd in pairs:
        found = [p for p in comp(doc).get("places") if p.kind != "country"]
        for p in found:
            assert doc.text[p.span.start:p.span.end] == p.span.text
        syrian = [p for p in found if p.country == "SY"]
        titled = [p for p in syrian if p.span.start < doc.article.title_end]
        head = (titled or syrian or found or [None])[0]
        agree += crowd_category(head, "location") == crowd["location"]
    # measured 0.903 on the 483 dev rows; the floor guards against regressions
    assert agree / len(pairs) >= 0.85


@pytest.mark.parametrize(("text", "expected"), [
    ("Damascus denied the report.", []),
    ("The recording will be released by Damascus.", []),
    ("Moscow and Washington agreed on a truce.", []),
    ("MOSCOW (Reuters) - Shelling continued.", ["Moscow"]),
    ("Shelling hit Damascus on Monday.", ["Damascus"]),
])
def test_places_capital_standing_for_government(text: str, expected: list[str]) -> None:
    assert [p.name for p in _places(text)] == expected


@pytest.mark.parametrize("text", [
    "Damascus calls the coalition strike deliberate.",
    "Rebel groups accused Damascus of trying to discredit the opposition.",
    "The truce was negotiated by Washington and Moscow last week.",
    "An emergency meeting called by Moscow on Saturday night.",
])
def test_places_capital_standing_for_its_government(text: str) -> None:
    assert [p.name for p in _places(text)] == []


@pytest.mark.parametrize(("text", "name"), [
    ("A car bomb exploded in Damascus on Monday.", "Damascus"),
    ("Flights from Moscow were cancelled.", "Moscow"),
])
def test_places_capital_as_a_place(text: str, name: str) -> None:
    assert name in [p.name for p in _places(text)]


@pytest.mark.parametrize(("text", "absent", "present"), [
    ("The Britain-based Syrian Observatory reported the attack in Aleppo.", "United Kingdom",
     "Aleppo"),
    ("The Damascus-backed militia was hit near Homs.", "Damascus", "Homs"),
])
def test_places_name_in_compound_modifier_is_not_a_place(text: str, absent: str,
                                                         present: str) -> None:
    names = [p.name for p in _places(text)]
    assert absent not in names and present in names
