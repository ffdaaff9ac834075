"""Pair features and claim rules on hand-built reports (docs/linking.md, sections 2 and 3)."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from corroborate.config import Settings
from corroborate.link import FEATURES, Linker, LinkItem
from corroborate.link.features import VETOES, names_place, person_ages, person_names


class Always(Linker):
    """Every candidate pair a certain match: only the claim rules can keep reports apart."""

    def score(self, items: Sequence[LinkItem], pairs: Sequence[tuple[int, int]]) -> list[float]:
        return [1.0] * len(pairs)


def feature(a: LinkItem, b: LinkItem, name: str) -> float:
    return float(Linker(Settings()).features([a, b], [(0, 1)])[0, FEATURES.index(name)])


def veto(a: LinkItem, b: LinkItem) -> str | None:
    code = Linker(Settings()).vetoes([a, b], [(0, 1)])[0]
    return VETOES[code - 1] if code else None


HOUSTON = {"place_name": "Houston", "place_kind": "city", "admin1": "Texas", "country": "US",
           "lat": 29.76, "lon": -95.36}
# a person's name read as a town: Harvey, Illinois, 1,500 km away
HARVEY = {"place_name": "Harvey", "place_kind": "city", "admin1": "Illinois", "country": "US",
          "lat": 41.61, "lon": -87.65}
DALLAS = {"place_name": "Dallas", "place_kind": "city", "admin1": "Texas", "country": "US",
          "lat": 32.78, "lon": -96.80}
PARIS_FR = {"place_name": "Paris", "place_kind": "city", "admin1": "Ile-de-France", "country": "FR",
            "lat": 48.85, "lon": 2.35}
PARIS_TX = {"place_name": "Paris", "place_kind": "city", "admin1": "Texas", "country": "US",
            "lat": 33.66, "lon": -95.56}


# --- people named -------------------------------------------------------------------

@pytest.mark.parametrize("text, names", [
    ("Robert Anderson, 49, was arrested on Friday.", ["Robert Anderson"]),
    ("Police said Michael T. Brown died at the scene.", ["Michael T. Brown"]),
    ("Relatives of Mary O'Neil gathered outside.", ["Mary O'Neil"]),
    # an age after two capitalised words names a person the given-name list lacks
    ("Ali Syed, 20, was identified as the gunman.", ["Ali Syed"]),
    ("Police Chief Harrison, 52, said two men opened fire.", []),  # an office, not a name
    ("Human Rights Watch said the strike killed 12.", []),
    ("A McDonald Smith was wounded.", []),  # "Donald" inside a word is no given name
    ("NEW ORLEANS -- Police Chief Harrison said two men opened fire.", []),
    ("Gunmen opened fire in Baton Rouge on Sunday.", []),
    ("Officers Said the victim was taken to hospital.", []),
])
def test_link_features_person_names(text: str, names: list[str]) -> None:
    assert person_names(text) == names


def test_link_features_a_person_both_reports_name_is_shared() -> None:
    a = LinkItem("a", 0, text="Jason Miller, 23, was shot dead outside a bar on Elm Street.")
    b = LinkItem("b", 0, text="Friends held a vigil for Jason Miller, killed on Saturday.")
    c = LinkItem("c", 0, text="Jason Porter was wounded in a shooting on Oak Avenue.")
    assert feature(a, b, "person_shared") == 1.0
    # one given name is not one person
    assert feature(a, c, "person_shared") == 0.0


# --- ages of the people ---------------------------------------------------------------

@pytest.mark.parametrize("text, ages", [
    ("A 14-year-old boy was shot on Elm Street.", [14]),
    ("The victim, a man 35 years old, died at the scene.", [35]),
    ("A woman aged 61 was wounded.", [61]),
    ("Dana Reyes, 34, was killed; Tom Ortiz, 20, was charged.", [34, 20]),
    ("Police said the 4 - year - old girl is stable.", [4]),  # tokenised spacing
    ("A 2 yr old was hit by a stray bullet.", [2]),
    # numbers that are no one's age
    ("Police Chief Harrison, 52, said two men opened fire.", []),  # an office
    ("The 300-year-old church was damaged.", []),  # beyond a lifetime: a building
    ("Three people were shot at 14th Street.", []),
    ("The shooting happened on Nov. 12, 2016.", []),
])
def test_link_features_person_ages(text: str, ages: list[int]) -> None:
    assert person_ages(text) == ages


def test_link_features_reports_giving_other_ages_conflict() -> None:
    girl = LinkItem("a", 0, text="A 13-year-old girl was shot and killed early Thursday.")
    girl_again = LinkItem("b", 0, text="Friends mourned the girl, 13, shot dead on Thursday.")
    girl_birthday = LinkItem("c", 0, text="The 14-year-old girl shot Thursday had a birthday.")
    teen = LinkItem("d", 0, text="A 16-year-old was charged in a shooting at a high school.")
    no_age = LinkItem("e", 0, text="A girl was shot and killed early Thursday.")
    # other people: no age of one report is within a year of the other's
    assert feature(girl, teen, "age_conflict") == 1.0
    # the same people: the same age, or one a year apart (a birthday between the reports)
    assert feature(girl, girl_again, "age_conflict") == 0.0
    assert feature(girl, girl_birthday, "age_conflict") == 0.0
    # an age one report does not give contradicts nothing
    assert feature(girl, no_age, "age_conflict") == 0.0


def test_link_features_a_follow_up_naming_the_victims_age_fits() -> None:
    # an arrest report gives the suspect's age and the victim's: one shared age is enough
    shot = LinkItem("a", 0, text="A 22-year-old man was shot dead outside a bar on Friday.")
    arrest = LinkItem("b", 0, text="A 19-year-old was arrested in the killing of a "
                                   "22-year-old man outside a bar.")
    assert feature(shot, arrest, "age_conflict") == 0.0


# --- rare names ---------------------------------------------------------------------

def test_link_features_a_rare_shared_name_outweighs_a_common_one() -> None:
    rare_a = LinkItem("a", 0, text="A drive-by shooting in Tavares wounded a girl.")
    rare_b = LinkItem("b", 0, text="Deputies found the car used in the Tavares shooting.")
    common_a = LinkItem("c", 0, text="Police said a man was shot on Monday.")
    common_b = LinkItem("d", 0, text="Police said a woman was wounded on Monday.")
    rare = feature(rare_a, rare_b, "rare_name")
    common = feature(common_a, common_b, "rare_name")
    assert 0.7 <= rare <= 1.0 and common < rare - 0.3
    none = LinkItem("e", 0, text="a man was shot")
    assert feature(rare_a, none, "rare_name") == 0.0


# --- headlines and tolls ------------------------------------------------------------

def test_link_features_title_similarity() -> None:
    a = LinkItem("a", 0, title="Gunfire at Dallas motel leaves man dead", text="x")
    b = LinkItem("b", 0, title="Man killed in Dallas motel gunfire", text="y")
    c = LinkItem("c", 0, title="School board approves new budget", text="z")
    untitled = LinkItem("d", 0, title="", text="Gunfire at Dallas motel leaves man dead")
    assert feature(a, b, "title_cos") > 0.4
    assert feature(a, c, "title_cos") == 0.0
    assert feature(a, untitled, "title_cos") == 0.0  # no headline: no evidence


@pytest.mark.parametrize("ka, kb, same", [
    ((3, 3), (3, 3), 1.0),
    ((1, 1), (1, 1), 0.0),    # a toll of one is shared by most shootings
    ((3, 3), (4, 4), 0.0),    # compatible (a rising toll) but not the same figure
    ((3, 5), (3, 5), 0.0),    # a range is not one figure
    ((3, 3), (None, None), 0.0),
])
def test_link_features_same_killed_figure(ka: tuple, kb: tuple, same: float) -> None:
    a = LinkItem("a", 0, killed_min=ka[0], killed_max=ka[1])
    b = LinkItem("b", 0, killed_min=kb[0], killed_max=kb[1])
    assert feature(a, b, "killed_same") == same


# --- dates: event dates at their precision, not publication dates -----------------

def test_link_features_follow_up_weeks_later_keeps_the_events_date() -> None:
    first = LinkItem("a", 0, published="2016-06-12", date="2016-06-12", date_precision="day",
                     text="Gunman kills 49 at an Orlando nightclub", **HOUSTON)
    # published five weeks later; it restates the night of the attack
    later = LinkItem("b", 0, published="2016-07-20", date="2016-06-12", date_precision="day",
                     text="Survivor of the nightclub attack speaks", **HOUSTON)
    assert feature(first, later, "date_close") == 1.0
    assert feature(first, later, "date_far") == 0.0 and veto(first, later) is None
    assert Always(Settings()).link([first, later]) == [[0, 1]]
    # "in June", said weeks later, covers the 12th
    month = LinkItem("c", 0, published="2016-08-01", date="2016-06-01", date_precision="month",
                     text="Survivor of the nightclub attack speaks", **HOUSTON)
    assert veto(first, month) is None and feature(first, month, "date_close") == 1.0


def test_link_features_event_dates_weeks_apart_are_two_incidents() -> None:
    a = LinkItem("a", 0, published="2016-06-12", date="2016-06-12", date_precision="day", **HOUSTON)
    b = LinkItem("b", 0, published="2016-07-20", date="2016-07-19", date_precision="day", **HOUSTON)
    assert veto(a, b) == "event dates too far apart"
    assert Always(Settings()).link([a, b]) == [[0], [1]]


# --- place claims ------------------------------------------------------------------

@pytest.mark.parametrize("text, name, named", [
    ("HOUSTON (AP) -- Two people were shot at an apartment complex.", "Houston", True),
    ("A teenager was shot in Houston on Sunday.", "Houston", True),
    ("He shaped the clay into a bowl.", "Clay", False),          # a word, not the town
    ("An airstrike hit a school in Deir ez-Zor province.", "Deir ez-Zor", False),
    ("Shelling hit the governorate of Idlib overnight.", "Idlib", False),
    ("Shelling hit Idlib city overnight.", "Idlib", True),
    ("Houstonians gathered downtown.", "Houston", False),
])
def test_link_features_names_place(text: str, name: str, named: bool) -> None:
    assert names_place(text, name) is named


def test_link_features_report_naming_the_others_town_does_not_contradict_it() -> None:
    houston = LinkItem("a", 0, date="2017-03-26", date_precision="day",
                       text="2 dead, 4 wounded in shooting at Houston apartment complex", **HOUSTON)
    # the extractor read a name as the town of Harvey; the dateline says Houston
    misread = LinkItem("b", 0, date="2017-03-26", date_precision="day",
                       text="HOUSTON - A girl was critically injured at the Haverstock Apartments",
                       **HARVEY)
    assert veto(houston, misread) is None
    assert Always(Settings()).link([houston, misread]) == [[0, 1]]


def test_link_features_two_towns_neither_report_names_are_two_incidents() -> None:
    houston = LinkItem("a", 0, date="2017-03-26", date_precision="day",
                       text="Two men were shot at an apartment complex on Sunday", **HOUSTON)
    dallas = LinkItem("b", 0, date="2017-03-26", date_precision="day",
                      text="Two men were shot at an apartment complex on Sunday", **DALLAS)
    assert veto(houston, dallas) == "places too far apart"
    assert Always(Settings()).link([houston, dallas]) == [[0], [1]]


def test_link_features_one_place_name_resolved_twice_is_one_claim() -> None:
    # "Paris" both times: the gazetteer picked two different Parises, the reports did not
    a = LinkItem("a", 0, text="Armed robbers stole gems from a jeweller", **PARIS_FR)
    b = LinkItem("b", 0, text="Robbers took diamonds from a jewellery shop", **PARIS_TX)
    assert veto(a, b) is None


def test_link_features_explain_names_a_shared_person() -> None:
    text = "Jason Miller, 23, was shot dead outside a Tavares bar on Elm Street on Friday."
    items = [LinkItem("a", 0, date="2017-03-03", date_precision="day", text=text, **HOUSTON),
             LinkItem("b", 0, date="2017-03-03", date_precision="day",
                      text="Friends of Jason Miller held a vigil in Tavares.", **HOUSTON)]
    linker = Linker(Settings())
    assert linker.link(items, explain=True) == [[0, 1]]
    assert {"person named", "place", "event date"} <= set(linker.reasons[0]["agreed"])


# --- a follow-up recalls its incident's date -----------------------------------------

SHOOTING = ("Police said Jason Rivers, 19, opened fire outside a corner store on Friday night, "
            "killing one man and wounding two others.")
# dated by its own news three weeks later; it names the day of the shooting and the gunman
CHARGED = ("Jason Rivers was charged on Monday with murder in the Sept. 2 shooting outside a "
           "corner store, prosecutors said.")


def test_link_features_follow_up_naming_the_incidents_date_and_person_fits() -> None:
    first = LinkItem("a", 0, published="2016-09-03", date="2016-09-02", date_precision="day",
                     text=SHOOTING, **HOUSTON)
    later = LinkItem("b", 0, published="2016-09-27", date="2016-09-26", date_precision="day",
                     text=CHARGED, **HOUSTON)
    assert feature(first, later, "date_recalled") == 1.0
    assert feature(first, later, "date_far") == 0.0
    assert veto(first, later) is None
    # both firm dates, 24 days apart: the follow-up's own date is its news, not the incident's
    assert Always(Settings()).link([first, later]) == [[0, 1]]


def test_link_features_follow_up_recalls_by_last_week() -> None:
    first = LinkItem("a", 0, published="2016-09-03", date="2016-09-02", date_precision="day",
                     text=SHOOTING, **HOUSTON)
    # "last week", said on 13 September, spans the days around the 6th: the 2nd is in reach
    # of its slack only when the report is read at its own precision
    later = LinkItem("b", 0, published="2016-09-13", date="2016-09-13", date_precision="day",
                     text="Jason Rivers, who police say killed a man outside a store last week, "
                          "was arrested today.", **HOUSTON)
    assert feature(first, later, "date_recalled") == 1.0 and veto(first, later) is None


def test_link_features_a_recalled_date_needs_a_shared_person() -> None:
    # a war report names an earlier strike on the same town by its date, as background:
    # the date alone does not make the two one incident
    first = LinkItem("a", 0, published="2016-09-03", date="2016-09-02", date_precision="day",
                     text="Air strikes killed 11 people in the town on Friday.", **HOUSTON)
    later = LinkItem("b", 0, published="2016-09-27", date="2016-09-26", date_precision="day",
                     text="Shelling killed 9 people in the town on Monday, weeks after the "
                          "Sept. 2 strikes that killed 11.", **HOUSTON)
    assert feature(first, later, "date_recalled") == 0.0
    assert veto(first, later) == "event dates too far apart"
    assert Always(Settings()).link([first, later]) == [[0], [1]]


def test_link_features_a_shared_person_without_the_date_is_no_recall() -> None:
    first = LinkItem("a", 0, published="2016-09-03", date="2016-09-02", date_precision="day",
                     text=SHOOTING, **HOUSTON)
    # the same man, a different date: a second shooting he is accused of
    later = LinkItem("b", 0, published="2016-10-20", date="2016-10-19", date_precision="day",
                     text="Jason Rivers was shot at a park on Wednesday, police said.", **HOUSTON)
    assert feature(first, later, "date_recalled") == 0.0
    assert veto(first, later) == "event dates too far apart"


def test_link_features_a_year_names_no_incidents_date() -> None:
    first = LinkItem("a", 0, published="2016-09-03", date="2016-09-02", date_precision="day",
                     text=SHOOTING, **HOUSTON)
    later = LinkItem("b", 0, published="2016-11-27", date="2016-11-26", date_precision="day",
                     text="Jason Rivers, jailed earlier this year, was shot on Saturday.",
                     **HOUSTON)
    assert feature(first, later, "date_recalled") == 0.0


def test_link_features_explain_names_the_recalled_date() -> None:
    items = [LinkItem("a", 0, published="2016-09-03", date="2016-09-02", date_precision="day",
                      text=SHOOTING, **HOUSTON),
             LinkItem("b", 0, published="2016-09-27", date="2016-09-26", date_precision="day",
                      text=CHARGED, **HOUSTON)]
    linker = Always(Settings())
    assert linker.link(items, explain=True) == [[0, 1]]
    assert "earlier date named" in linker.reasons[0]["agreed"]


# --- which event dates can contradict each other ----------------------------------

def test_link_features_dates_checked_against_their_reports_contradict() -> None:
    a = LinkItem("a", 0, published="2016-06-13", date="2016-06-12", date_precision="day", **HOUSTON)
    # a date after its own report's day is misread, but still a claim the report makes
    b = LinkItem("b", 0, published="2016-07-01", date="2016-07-20", date_precision="day", **HOUSTON)
    assert veto(a, b) == "event dates too far apart"


@pytest.mark.parametrize("kw", [
    # no published date: the day cannot be checked
    {"date": "2016-07-20", "date_precision": "day"},
    # "in 2015": a year alone
    {"published": "2016-07-21", "date": "2015-01-01", "date_precision": "year"},
    # "last week": an approximate day
    {"published": "2016-07-27", "date": "2016-07-20", "date_precision": "approximate"},
    # a day two months before its own report: a background date ("a shooting last March")
    {"published": "2016-09-20", "date": "2016-07-20", "date_precision": "day"},
])
def test_link_features_unchecked_or_background_dates_do_not_contradict(kw: dict) -> None:
    a = LinkItem("a", 0, published="2016-06-13", date="2016-06-12", date_precision="day", **HOUSTON)
    b = LinkItem("b", 0, **kw, **HOUSTON)
    assert veto(a, b) is None


# --- causes one killing can be reported under ---------------------------------------

@pytest.mark.parametrize("a, b", [
    ("execution", "shooting"),         # "shot execution-style": the manner and its weapon
    ("suicide_bombing", "car_bomb"),   # a suicide bomber's car bomb
    ("massacre", "airstrike"),         # a massacre names no weapon
    ("shooting", "massacre"),
])
def test_link_features_a_manner_of_killing_fits_its_weapon(a: str, b: str) -> None:
    x = LinkItem("a", 0, date="2016-03-01", date_precision="day", cause=a, **HOUSTON)
    y = LinkItem("b", 0, date="2016-03-01", date_precision="day", cause=b, **HOUSTON)
    assert veto(x, y) is None


@pytest.mark.parametrize("a, b", [
    ("execution", "airstrike"),        # nobody is executed from the air
    ("shooting", "airstrike"),
    ("car_bomb", "shelling"),
])
def test_link_features_two_weapons_are_two_incidents(a: str, b: str) -> None:
    x = LinkItem("a", 0, date="2016-03-01", date_precision="day", cause=a, **HOUSTON)
    y = LinkItem("b", 0, date="2016-03-01", date_precision="day", cause=b, **HOUSTON)
    assert veto(x, y) == "causes disagree"


# --- a partition's rows of a prepared batch ----------------------------------------------

def test_link_features_rows_takes_every_per_item_field() -> None:
    """`_Prepared.rows` lists the per-item fields by name; a field added to `_Prepared`
    and not to that list would be shared whole by every partition, and each would read
    another item's value without any error.  Every attribute as long as the batch must
    be one `rows` takes apart."""
    from corroborate.link.features import _Prepared

    items = [LinkItem(article_id=f"a{i}", incident_index=0, title=f"Shooting on Elm Street {i}",
                      published=f"2021-05-0{i + 1}", date=f"2021-05-0{i + 1}",
                      cause="shooting", killed_min=i, killed_max=i,
                      actors=["police"], text=f"Maria Lopez, {20 + i}, was shot in 2021.",
                      **HOUSTON)
             for i in range(7)]
    prep = _Prepared(items, Settings().link)
    taken = set(_Prepared._ROW_ARRAYS) | set(_Prepared._ROW_LISTS)
    per_item = set()
    for name, value in vars(prep).items():
        length = value.shape[0] if hasattr(value, "shape") and value.shape else (
            len(value) if isinstance(value, list | tuple) else None)
        if length == prep.n:
            per_item.add(name)
    assert per_item, "no per-item field found: the check reads nothing"
    assert per_item <= taken, f"per-item fields rows() does not take: {sorted(per_item - taken)}"
    sub = prep.rows([4, 1])
    assert sub.n == 2 and sub.articles == ["a4", "a1"]
    assert list(sub.k_lo) == [4.0, 1.0]
