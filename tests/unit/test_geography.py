"""Census divisions: every state's, Puerto Rico in none, unknown states flagged, the person's
choice of up to three, and the filter words."""

from __future__ import annotations

import pytest

from imgtui.domain.geography import (
    NO_PREFERENCE,
    chosen_divisions,
    place_flags,
    places,
    preference_words,
    toggled,
)
from imgtui.domain.programs import Program, parse_filter

# U.S. Census Bureau, "Census Regions and Divisions of the United States" (us_regdiv.pdf),
# written out here independently of data/geography.toml.
CENSUS = {
    "New England": "CT Connecticut, ME Maine, MA Massachusetts, NH New Hampshire, RI Rhode Island, VT Vermont",
    "Middle Atlantic": "NJ New Jersey, NY New York, PA Pennsylvania",
    "East North Central": "IL Illinois, IN Indiana, MI Michigan, OH Ohio, WI Wisconsin",
    "West North Central": "IA Iowa, KS Kansas, MN Minnesota, MO Missouri, NE Nebraska, ND North Dakota, SD South Dakota",
    "South Atlantic": "DE Delaware, DC District of Columbia, FL Florida, GA Georgia, MD Maryland, NC North Carolina, "
    "SC South Carolina, VA Virginia, WV West Virginia",
    "East South Central": "AL Alabama, KY Kentucky, MS Mississippi, TN Tennessee",
    "West South Central": "AR Arkansas, LA Louisiana, OK Oklahoma, TX Texas",
    "Mountain": "AZ Arizona, CO Colorado, ID Idaho, MT Montana, NV Nevada, NM New Mexico, UT Utah, WY Wyoming",
    "Pacific": "AK Alaska, CA California, HI Hawaii, OR Oregon, WA Washington",
}
STATES = [
    (code, name, division)
    for division, states in CENSUS.items()
    for code, name in (entry.split(" ", 1) for entry in states.split(", "))
]


@pytest.fixture
def geography(catalog):
    return catalog.season_facts.geography


def test_fifty_states_and_dc_in_nine_divisions():
    assert len(STATES) == 51 and len({code for code, _, _ in STATES}) == 51 and len(CENSUS) == 9


@pytest.mark.parametrize("code, name, division", STATES)
def test_every_state_maps_to_its_division(geography, code, name, division):
    where = places(geography)
    for written in (code, code.lower(), name, name.upper(), f" {name} "):
        place = where.place(written)
        assert place.division is not None and place.division.name == division, written
        assert (place.code, place.name) == (code, name) and place_flags(place, ()) == []


def test_the_data_holds_exactly_the_census_divisions(geography):
    assert {d.name: {code for code, _ in d.states} for d in geography.divisions} == {
        division: {code for code, _, d in STATES if d == division} for division in CENSUS
    }
    assert geography.provenance.status == "official" and "census.gov" in geography.url


@pytest.mark.parametrize("written", ["Washington, D.C.", "D.C.", "washington dc", "N.Y.", "n.y"])
def test_dotted_spellings(geography, written):
    assert places(geography).place(written).division is not None


def test_puerto_rico_is_in_no_division_said_from_the_source(geography):
    for written in ("PR", "Puerto Rico"):
        place = places(geography).place(written)
        assert place.division is None and place.outside is not None and not place.unknown
    outside = places(geography).place("PR").outside
    assert "not in any census region or census division" in outside.quote and "census.gov" in outside.url
    assert place_flags(places(geography).place("PR"), ("middle_atlantic",)) == ["Puerto Rico: in no Census division"]


@pytest.mark.parametrize("written", ["Ontario", "XX", "Guam", "New Yrok"])
def test_an_unknown_state_is_flagged_not_guessed(geography, written):
    place = places(geography).place(written)
    assert place.unknown and place.division is None
    assert place_flags(place, ()) == [f"unknown state {written!r}: no Census division"]


def test_programs_outside_the_chosen_divisions_are_flagged(geography):
    where = places(geography).place
    chosen = ("middle_atlantic", "pacific")
    assert place_flags(where("NY"), chosen) == [] and place_flags(where("CA"), chosen) == []
    assert place_flags(where("TX"), chosen) == ["outside your divisions (West South Central)"]
    assert place_flags(where(""), chosen) == ["no state: its Census division is unknown"]
    assert place_flags(where(""), ()) == [] and place_flags(where("TX"), (NO_PREFERENCE,)) == []


def test_up_to_three_divisions_or_no_preference(geography):
    chosen: tuple[str, ...] = ()
    for division in ("new_england", "pacific", "mountain"):
        chosen = toggled(chosen, division, geography)
    assert chosen == ("new_england", "pacific", "mountain")
    with pytest.raises(ValueError, match="up to 3 divisions"):
        toggled(chosen, "middle_atlantic", geography)
    assert toggled(chosen, "pacific", geography) == ("new_england", "mountain")
    assert toggled(chosen, NO_PREFERENCE, geography) == (NO_PREFERENCE,)
    assert toggled((NO_PREFERENCE,), "pacific", geography) == ("pacific",)
    assert preference_words(("pacific", "mountain"), geography) == "Pacific, Mountain"


def test_the_saved_choice_is_read_leniently(geography):
    assert chosen_divisions({"preferred_divisions": ["pacific", "atlantis", "pacific", 3]}, geography) == ("pacific",)
    too_many = ["new_england", "pacific", "mountain", "middle_atlantic"]
    assert chosen_divisions({"preferred_divisions": too_many}, geography) == tuple(too_many[:3])
    assert chosen_divisions({"preferred_divisions": "pacific"}, geography) == ()
    assert chosen_divisions({"preferred_divisions": ["pacific", "no_preference"]}, geography) == (NO_PREFERENCE,)


@pytest.mark.parametrize("text, kept", [
    ("division:middle-atlantic", ["NY one", "NJ one"]),
    ("div:middle_atlantic", ["NY one", "NJ one"]),
    ("middle-atlantic one", ["NY one", "NJ one"]),
    ("division:pacific", ["CA one"]),
    ("pacific", ["Pacific Medical Center"]),  # a plain word is a word, not a division
    ("division:south-atlantic", ["DC one"]),
    ("division:middle atlantic", ["NY one", "NJ one"]),  # as the person types it, spaces and all
    ("division:Middle Atlantic one", ["NY one", "NJ one"]),  # then the next words are words again
    ("division: middle atlantic", ["NY one", "NJ one"]),
    ("division:middle", ["NY one", "NJ one"]),  # the unique start of a name
    ("div:pac", ["CA one"]),
])
def test_a_filter_word_selects_a_division(geography, text, kept):
    listed = [Program("NY one", "IM", state="New York"), Program("NJ one", "IM", state="NJ"),
              Program("CA one", "IM", state="ca"), Program("DC one", "IM", state="Washington, D.C."),
              Program("Pacific Medical Center", "IM", state="TX")]
    chosen = parse_filter(text, places(geography))
    assert [p.name for p in listed if chosen.matches(p)] == kept


@pytest.mark.parametrize("text, problem", [
    ("division:midle", "no division 'midle' — one of new-england, middle-atlantic, "),
    ("division:nowhere", "no division 'nowhere' — one of new-england, middle-atlantic, "),
    ("division:east", "division 'east' could be east-north-central or east-south-central"),
    ("division:", "division: one of new-england, middle-atlantic, east-north-central, "),
])
def test_a_division_word_that_names_none_is_said_and_not_filtered_on(geography, text, problem):
    listed = [Program("NY one", "IM", state="New York"), Program("CA one", "IM", state="ca")]
    chosen = parse_filter(text, places(geography))
    (said,) = chosen.problems
    assert said.startswith(problem) and said.endswith("pacific" if "one of" in problem else "")
    assert [p.name for p in listed if chosen.matches(p)] == ["NY one", "CA one"]  # not silently 0 shown


def test_the_command_line_division_takes_the_same_names(geography):
    where = places(geography)
    assert where.division_for_word("division:middle").id == "middle_atlantic"
    assert where.division_for_word("division:east") is None and where.division_for_word("division:x") is None


# Mutation testing (#18): a fresh Places (the app keeps one per geography) reads every spelling.

def test_a_fresh_places_reads_codes_names_dc_and_puerto_rico(geography):
    from imgtui.domain.geography import Places

    fresh = Places(geography)
    assert fresh.geography is geography
    new_york = fresh.place(" new  york ")
    assert (new_york.code, new_york.name, new_york.division.id) == ("NY", "New York", "middle_atlantic")
    assert fresh.place("Washington, D.C.").code == "DC" and fresh.place("d.c.").division.id == "south_atlantic"
    puerto_rico = fresh.place("PR")
    assert puerto_rico.division is None and puerto_rico.outside is not None and puerto_rico.name == "Puerto Rico"
    assert fresh.place("Puerto Rico").code == "PR"
    assert fresh.division("pacific").name == "Pacific" and fresh.division("atlantis") is None
    for word in ("middle-atlantic", "middle_atlantic", "Middle Atlantic", "middle atlantic"):
        assert fresh.divisions_named(word) == [fresh.division("middle_atlantic")], word
    assert fresh.division_for_word("middle-atlantic") == fresh.division("middle_atlantic")
    assert fresh.division_for_word("div:pacific") == fresh.division("pacific")


def test_the_dc_spellings_are_in_the_south_atlantic_only(geography):
    from imgtui.domain.geography import Places

    fresh = Places(geography)
    assert "washington dc" in fresh.spellings(fresh.division("south_atlantic"))
    assert {"dc", "district of columbia"} <= fresh.spellings(fresh.division("south_atlantic"))
    assert "washington dc" not in fresh.spellings(fresh.division("pacific"))


def test_what_the_preference_says_when_none_or_no_preference_is_chosen(geography):
    assert preference_words((), geography) == "none chosen"
    assert preference_words((NO_PREFERENCE,), geography) == "no preference (shown to every program)"
    assert preference_words(("pacific", "mountain"), geography) == "Pacific, Mountain"
    assert toggled((NO_PREFERENCE,), NO_PREFERENCE, geography) == ()
    assert toggled(("pacific",), NO_PREFERENCE, geography) == (NO_PREFERENCE,)


def test_a_fourth_division_is_refused_naming_the_three_chosen(geography):
    with pytest.raises(ValueError) as error:
        toggled(("pacific", "mountain", "new_england"), "middle_atlantic", geography)
    assert str(error.value) == "ERAS takes up to 3 divisions (Pacific, Mountain, New England chosen): remove one first"


def test_no_saved_choice_is_no_division(geography):
    assert chosen_divisions({}, geography) == ()
