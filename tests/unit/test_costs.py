"""The season's costs: ERAS tiers counted per specialty, which programs count, which season's
figures apply, and the other items."""

from __future__ import annotations

import functools
from pathlib import Path

import pytest

from imgtui.catalog import load_catalog
from imgtui.domain import costs as costs_module
from imgtui.domain.costs import applies_to, nth_program_fee, tier_total
from imgtui.domain.model import FeeTier
from imgtui.domain.programs import STATUSES, Program

TIERS_2026 = (FeeTier(1, 30, 11), FeeTier(31, None, 30))
TIERS_2024 = (FeeTier(1, 10, 99, flat=True), FeeTier(11, 20, 19), FeeTier(21, 30, 23), FeeTier(31, None, 27))


@pytest.fixture
def facts(catalog):
    return catalog.season_facts


@functools.lru_cache(maxsize=1)
def shipped_services():
    return load_catalog().services


def season_costs(facts, season, programs, ahead):
    """As the app computes them: with services.toml saying which specialty uses which service."""
    return costs_module.season_costs(facts, season, programs, ahead, shipped_services())


def programs(specialty: str, count: int, status: str = "applied", **fields) -> list[Program]:
    return [Program(f"{specialty} program {i}", specialty, status=status, **fields) for i in range(1, count + 1)]


def fees(costs) -> dict[str, int | None]:
    return {f.specialty: f.fee for f in costs.by_specialty}


@pytest.mark.parametrize("count, total", [(0, 0), (1, 11), (29, 319), (30, 330), (31, 360), (35, 480), (43, 720)])
def test_tiers_at_the_30_31_edge(count, total):
    assert tier_total(TIERS_2026, count) == total


def test_the_31st_program_costs_30_and_the_30th_11():
    assert [nth_program_fee(TIERS_2026, n) for n in (1, 30, 31, 100)] == [11, 11, 30, 30]


def test_a_flat_first_tier_is_charged_once():
    assert [tier_total(TIERS_2024, n) for n in (1, 10, 11, 20, 21, 31)] == [99, 99, 118, 289, 312, 546]
    assert [nth_program_fee(TIERS_2024, n) for n in (1, 2, 10, 11, 21, 31)] == [99, 0, 0, 19, 23, 27]


def test_the_issue_example_each_specialty_counted_from_1(facts):
    costs = season_costs(facts, 2026, programs("Internal Medicine", 35) + programs("Family Medicine", 10), [])
    assert fees(costs) == {"Internal Medicine": 480, "Family Medicine": 110}
    im = next(f for f in costs.by_specialty if f.specialty == "Internal Medicine")
    assert [(s.programs, s.tier.fee, s.amount) for s in im.shares] == [(30, 11, 330), (5, 30, 150)]
    assert costs.eras_total == 590 and costs.counted == 45


def test_aamcs_worked_example(facts):
    """AAMC, Fees for 2026 ERAS Season: 43 IM [(30 X $11) + (13 X $30)] + 7 Radiology [7 X $11] = $797."""
    costs = season_costs(facts, 2026, programs("Internal Medicine", 43) + programs("Radiology", 7), [])
    assert costs.eras_total == 797


def test_the_31st_program_of_each_specialty_costs_30(facts):
    costs = season_costs(facts, 2026, programs("Internal Medicine", 30) + programs("Family Medicine", 30), [])
    assert {f.specialty: f.next_fee for f in costs.by_specialty} == {"Internal Medicine": 30, "Family Medicine": 30}
    assert fees(costs) == {"Internal Medicine": 330, "Family Medicine": 330}
    im = costs.specialty_fee("IM", facts)
    assert im.next_words() == "the 31st Internal Medicine program costs $30"


def test_spellings_of_one_specialty_count_together(facts):
    costs = season_costs(facts, 2026, programs("Internal Medicine", 20) + programs("IM", 11), [])
    assert fees(costs) == {"Internal Medicine": 360}


@pytest.mark.parametrize("status", STATUSES)
def test_which_programs_count(status):
    counted = status not in ("researching", "withdrawn")
    assert applies_to(Program("A", "Internal Medicine", status=status)) is counted
    assert applies_to(Program("A", "Internal Medicine", status=status, will_apply=True)) is (status != "withdrawn")


def test_withdrawn_programs_are_not_counted(facts):
    listed = programs("Internal Medicine", 30) + programs("Internal Medicine", 5, "withdrawn", will_apply=True)
    listed[0] = Program("a withdrawn one", "Internal Medicine", status="withdrawn")
    costs = season_costs(facts, 2026, listed + programs("Pediatrics", 3, "researching"), [])
    assert fees(costs) == {"Internal Medicine": 319} and costs.counted == 29


def test_will_apply_programs_are_counted(facts):
    costs = season_costs(facts, 2026, programs("Pediatrics", 31, "researching", will_apply=True), [])
    assert fees(costs) == {"Pediatrics": 360}


def test_the_season_without_a_table_uses_the_last_one_marked_projected(facts):
    for season, status, from_season in ((2026, "official", 2026), (2025, "official", 2025), (2027, "projected", 2026)):
        costs = season_costs(facts, season, programs("Internal Medicine", 1), [])
        assert costs.eras is not None and costs.eras.status == status and costs.eras.chosen.from_season == from_season
    assert season_costs(facts, 2028, [], []).eras.chosen.label("fees") == (
        "the 2026 season's fees, projected: 2028's is not published"
    )


def test_the_2024_season_had_four_tiers(facts):
    assert fees(season_costs(facts, 2024, programs("Internal Medicine", 23), [])) == {"Internal Medicine": 99 + 190 + 69}


def test_no_schedule_before_the_first_sourced_one(facts):
    costs = season_costs(facts, 2020, programs("Internal Medicine", 3), [])
    assert fees(costs) == {"Internal Medicine": None} and costs.eras is None
    assert costs.unsourced[0][0] == "ERAS fees for Internal Medicine"


def test_emergency_medicine_uses_residencycas_from_2026(facts):
    """SAEM's worked example: 46 EM programs = $99 + 12 x $18 + 16 x $23 = $683."""
    costs = season_costs(facts, 2026, programs("Emergency Medicine", 46), [])
    (em,) = costs.by_specialty
    assert (em.service, em.fee) == ("ResidencyCAS", 683) and costs.eras_total == 0
    assert "residencycas_transcript" in {i.id for i in costs.items}
    assert service_line(season_costs(facts, 2025, programs("EM", 31), [])) == ("ERAS", 360)


def test_each_service_total_is_for_its_own_programs(facts):
    """The header must not put 9 programs beside ERAS's fees when 4 of them are ResidencyCAS's."""
    costs = season_costs(facts, 2026, programs("Internal Medicine", 5) + programs("Emergency Medicine", 4), [])
    assert costs.by_service == (("ERAS", costs.eras_total, 5), ("ResidencyCAS", 99, 4))
    assert costs.eras_total == 55 and costs.counted == 9
    only_em = season_costs(facts, 2026, programs("Emergency Medicine", 2), [])
    assert only_em.by_service == (("ResidencyCAS", 99, 2),)


def service_line(costs):
    (line,) = costs.by_specialty
    return line.service, line.fee


def test_a_service_fee_not_found_has_no_figure_and_is_not_in_the_total(facts):
    costs = season_costs(facts, 2027, programs("OB/GYN", 12) + programs("Family Medicine", 2), [])
    ob = costs.specialty_fee("Obstetrics and Gynecology", facts)
    assert (ob.service, ob.fee) == ("ResidencyCAS", None)
    assert ("ResidencyCAS fees for Obstetrics and Gynecology", ob.why_none) in costs.unsourced
    assert costs.total == 22 + sum(i.amount or 0 for i in costs.items)


def test_items_follow_the_steps_still_ahead(facts):
    ahead = season_costs(facts, 2027, [], ["step1", "step2ck", "step3", "ecfmg_application", "oet_medicine"])
    items = {i.id: i for i in ahead.items}
    assert {"eras_token", "usmle_transcript", "nrmp_registration", "nrmp_extra_ranks"} <= set(items)
    assert items["step1"].amount is None and items["step2ck"].amount is None  # no sourced current fee
    assert items["step3"].amount == 935 and items["step3"].status == "projected" and items["step3"].from_season == 2025
    assert items["ecfmg_application"].amount == 160 and items["ecfmg_application"].status == "official"
    done = season_costs(facts, 2027, [], [])
    assert not {"step1", "step3", "ecfmg_application", "oet_medicine", "pathway"} & {i.id for i in done.items}


def test_item_figures_per_season(facts):
    token = {s: next(i for i in season_costs(facts, s, [], []).items if i.id == "eras_token") for s in (2024, 2027)}
    assert (token[2024].amount, token[2024].status) == (165, "official")
    # QA #14: projected from ECFMG's own page (as the README's fee table says), not from a Reddit mirror
    assert (token[2027].amount, token[2027].status, token[2027].from_season) == (165, "projected", 2024)
    assert (token[2027].source, token[2027].url) == (token[2024].source, "https://ecfmg.org/eras/")
    nrmp = next(i for i in season_costs(facts, 2025, [], []).items if i.id == "nrmp_registration")
    assert (nrmp.amount, nrmp.status) == (70, "reported")
    assert not any(i.id == "nrmp_registration" and i.amount for i in season_costs(facts, 2024, [], []).items)


def test_the_readme_fee_table_says_what_the_token_data_says(facts):
    """QA #14: the README gave the token as ECFMG's, official, while the data gave a Reddit mirror."""
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    row = next(line for line in readme.splitlines() if line.startswith("| ECFMG ERAS token |"))
    _, fee, seasons, status, source = [cell.strip() for cell in row.strip("|").split("|")]
    token = {s: next(i for i in season_costs(facts, s, [], []).items if i.id == "eras_token") for s in range(2024, 2028)}
    sourced = sorted(s for s, item in token.items() if item.from_season == s)
    assert seasons.startswith("; ".join(map(str, sourced))) and "projected" in seasons
    assert status == "; ".join(token[s].status or "" for s in sourced) and fee == f"${token[2024].amount}"
    assert all(f"({item.url})" in source and item.source in source for item in token.values())


def test_ranks_beyond_20_cost_30_each(facts):
    """Counted from the rank list (a program's `rank`, issue #15), whatever its status."""
    listed = [Program(f"IM {i}", "Internal Medicine", status="interviewed", rank=i) for i in range(1, 26)]
    listed += [Program(f"FM {i}", "Family Medicine", status="matched", rank=25 + i) for i in range(1, 3)]
    listed += [Program("not ranked", "Pediatrics", status="interviewed")]
    extra = next(i for i in season_costs(facts, 2027, listed, []).items if i.id == "nrmp_extra_ranks")
    assert (extra.quantity, extra.amount) == (7, 210) and extra.detail.startswith("27 program(s) on your rank list")
    twenty = [Program(f"IM {i}", "IM", status="interviewed", rank=i) for i in range(1, 21)]
    few = next(i for i in season_costs(facts, 2027, twenty, []).items if i.id == "nrmp_extra_ranks")
    assert few.amount == 0


def test_the_total_adds_every_sourced_figure(facts):
    costs = season_costs(facts, 2027, programs("Internal Medicine", 35) + programs("Family Medicine", 10), ["step1"])
    items = {i.id: i.amount for i in costs.items}
    assert costs.total == 590 + items["eras_token"] + items["usmle_transcript"] + items["nrmp_registration"]
    assert costs.projected and [what for what, _ in costs.unsourced] == ["USMLE Step 1 registration"]


def test_the_next_program_is_named_by_its_english_ordinal(facts):
    from imgtui.domain.costs import ordinal

    said = [ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101, 111, 121)]
    assert said == ["1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "23rd", "101st", "111th",
                    "121st"]


def test_a_specialty_with_no_programs_yet_has_its_line_at_its_own_service(facts):
    costs = season_costs(facts, 2026, programs("Internal Medicine", 2), [])
    peds = costs.specialty_fee("Peds", facts)
    assert (peds.specialty, peds.programs, peds.fee) == ("Pediatrics", 0, 0)
    assert peds.next_words() == "the 1st Pediatrics program costs $11"
    em = costs.specialty_fee("EM", facts)
    assert (em.service, em.service_id, em.next_words()) == ("ResidencyCAS", "residencycas",
                                                           "the 1st Emergency Medicine program costs $99")


def test_without_a_services_table_every_specialty_applies_through_eras(facts):
    costs = costs_module.season_costs(facts, 2026, programs("Emergency Medicine", 2), [])
    (em,) = costs.by_specialty
    assert (em.service, em.service_id, em.fee) == ("ERAS", "eras", 22)


def test_a_specialty_with_no_sourced_fee_says_why_and_keeps_its_count(facts):
    (im,) = season_costs(facts, 2020, programs("Internal Medicine", 3), []).by_specialty
    assert (im.programs, im.fee, im.shares, im.schedule, im.service_id) == (3, None, (), None, "eras")
    assert im.why_none == "no ERAS fee schedule for 2020"
    assert im.next_words() == "the 4th Internal Medicine program: no sourced ERAS fee"
    costs = season_costs(facts, 2027, programs("OB/GYN", 12), [])
    (ob,) = costs.by_specialty
    assert (ob.programs, ob.fee, ob.shares, ob.service_id) == (12, None, (), "residencycas")
    assert ob.schedule.status == "projected" and ob.why_none.startswith("OB/GYN's ResidencyCAS fees were not found")
    assert costs.fees_of("residencycas") == (ob,) and costs.fees_of("eras") == ()
    (im,) = season_costs(facts, 2026, programs("Internal Medicine", 3), []).by_specialty
    assert (im.why_none, im.service_id, im.schedule.status) == ("", "eras", "official")


def test_specialties_are_listed_in_name_order_whatever_their_case(facts):
    costs = season_costs(facts, 2026, programs("aerospace medicine", 1) + programs("Family Medicine", 1), [])
    assert [f.specialty for f in costs.by_specialty] == ["aerospace medicine", "Family Medicine"]


def test_a_fee_with_no_sourced_figure_has_no_figure_status_or_source_and_says_why(facts):
    from imgtui.domain.costs import CostItem

    items = {i.id: i for i in season_costs(facts, 2027, [], ["step1", "clinical_skills"]).items}
    why = "no sourced current fee (ECFMG's last: $985 from 2022-01-01; IMG registration reportedly moved to FSMB in 2026)"
    assert items["step1"] == CostItem("step1", "USMLE Step 1 registration", None, None, "", "", None, None, why, 1, why)
    assert items["pathway"].note.startswith("the 2026 Pathways' fee was not found")
    step3 = {i.id: i for i in season_costs(facts, 2020, [], ["step3"]).items}["step3"]
    assert step3.note == step3.detail == "no sourced figure for 2020 or before"


def test_a_fee_says_whether_it_is_projected_or_in_effect_since_a_date(facts):
    items = {i.id: i for i in season_costs(facts, 2027, [], ["step3", "ecfmg_application"]).items}
    assert items["step3"].note == "the 2025 season's figure, projected: 2027's is not published"
    assert items["step3"].as_of is not None and items["step3"].detail == ""
    assert items["ecfmg_application"].note == "in effect as of 2022-01-01, no later change found"
    assert items["nrmp_extra_ranks"].note == (
        "in effect as of 2026-11-25, no later change found; 0 program(s) on your rank list;"
        " 20 included in the registration")
    this_season = {i.id: i for i in season_costs(facts, 2026, [], []).items}
    assert this_season["nrmp_extra_ranks"].note == "0 program(s) on your rank list; 20 included in the registration"
    assert this_season["eras_token"].note == "the 2024 season's figure, projected: 2026's is not published"
    assert {i.id: i for i in season_costs(facts, 2024, [], []).items}["eras_token"].note == ""


def test_a_standing_fee_holds_until_a_figure_of_a_later_season_replaces_it(facts):
    from datetime import date

    from imgtui.domain.model import FeeAmount, FeeItem, Provenance

    source = Provenance("Board: fees", date(2025, 3, 1), "official")

    def fee(*amounts: FeeAmount) -> tuple[int | None, str]:
        item = FeeItem("x", "an exam", "season", amounts)
        (cost,) = costs_module.season_costs(facts._replace(items=(item,)), 2026, [], []).items
        return cost.amount, cost.note

    standing_2025 = FeeAmount(2025, 100, source, "https://x", standing=True)
    assert fee(standing_2025, FeeAmount(2026, 120, source, "https://x")) == (120, "")
    assert fee(standing_2025, FeeAmount(2025, 120, source, "https://x")) == (
        100, "in effect as of 2025-03-01, no later change found")


def test_a_residencycas_specialty_without_its_own_schedule_is_not_priced_from_eras(facts):
    assert costs_module.schedule_for(facts, "residencycas", "Urology", 2026) is None
    assert costs_module.schedule_for(facts, "eras", "Urology", 2026).schedule.service == "eras"


def test_a_projected_rank_fee_says_both_where_it_is_from_and_how_many_are_ranked(facts):
    from datetime import date

    from imgtui.domain.model import FeeAmount, FeeItem, Provenance

    item = FeeItem("r", "extra ranks", "ranks", (FeeAmount(2025, 30, Provenance("NRMP", date(2025, 1, 1), "official"),
                                                           "https://x"),))
    (cost,) = costs_module.season_costs(facts._replace(items=(item,)), 2026, [], []).items
    assert cost.note == ("the 2025 season's figure, projected: 2026's is not published; 0 program(s) on your rank list;"
                         " 20 included in the registration")
