from datetime import date

import pytest

from imgtui.domain.matrix import action_states, step_states

D = date(2026, 3, 2)


def actions(catalog, rules, mode, done):
    states = step_states(catalog.steps_for(rules, mode), {s: D for s in done})
    return {a.action.id: a for a in action_states(catalog.rule_sets[rules], states)}


def test_guide_rules_have_step2cs_and_current_rules_have_skills(catalog):
    guide = {s.id for s in catalog.steps_for("guide-2019", "non-us-img")}
    current = {s.id for s in catalog.steps_for("current", "non-us-img")}
    assert "step2cs" in guide and not {"clinical_skills", "oet_medicine"} & guide
    assert {"clinical_skills", "oet_medicine"} <= current and "step2cs" not in current


def test_all_six_actions_exist_in_both_rule_sets(catalog):
    expected = ["apply_usmle", "apply_ecfmg", "apply_residency", "submit_rank_list", "start_residency", "take_step3"]
    for rules in ("current", "guide-2019"):
        assert [a.id for a in catalog.rule_sets[rules].actions] == expected


@pytest.mark.parametrize("rules", ["current", "guide-2019"])
def test_only_the_id_done(catalog, rules):
    result = actions(catalog, rules, "non-us-img", ["usmle_id"])
    assert result["apply_usmle"].allowed and result["apply_ecfmg"].allowed and result["apply_residency"].allowed
    rank = result["submit_rank_list"]
    assert not rank.allowed
    skills = ["step2cs"] if rules == "guide-2019" else ["clinical_skills", "oet_medicine"]
    assert [m.id for m in rank.missing] == ["step1", "step2ck", *skills]


def test_exams_and_skills_allow_the_rank_list_but_not_residency(catalog):
    result = actions(catalog, "current", "non-us-img", ["step1", "step2ck", "clinical_skills", "oet_medicine"])
    assert result["submit_rank_list"].allowed  # the USMLE ID is implied by having sat Step 1
    assert not result["start_residency"].allowed
    assert [m.id for m in result["start_residency"].missing] == ["ecfmg_certificate"]
    assert not result["take_step3"].allowed


def test_nothing_done_blocks_everything(catalog):
    result = actions(catalog, "current", "us-img", [])
    assert not any(a.allowed for a in result.values())
    assert [m.id for m in result["apply_usmle"].missing] == ["usmle_id"]


def test_certificate_allows_everything(catalog):
    result = actions(catalog, "guide-2019", "us-img", ["ecfmg_certificate"])
    assert all(a.allowed for a in result.values())


def test_implied_and_waiting_steps(catalog):
    states = {s.step.id: s for s in step_states(catalog.steps_for("current", "non-us-img"), {"step1": D})}
    assert states["step1"].how == "done" and states["step1"].date == D
    assert states["usmle_id"].how == "implied" and states["usmle_id"].because == "step1"
    assert states["status_verification"].done and states["ecfmg_application"].done
    assert not states["step2ck"].done and states["step2ck"].waiting_on == ()
    assert [w.id for w in states["ecfmg_certificate"].waiting_on] == ["step2ck", "clinical_skills", "oet_medicine", "graduation"]


def test_step2cs_passed_before_2021_satisfies_the_current_skills_steps(catalog):
    result = actions(catalog, "current", "non-us-img", ["step1", "step2ck", "step2cs"])
    assert result["submit_rank_list"].allowed
    states = {s.step.id: s for s in step_states(catalog.steps_for("current", "non-us-img"),
                                                 {"step1": D, "step2ck": D, "step2cs": D})}
    assert states["clinical_skills"].how == "satisfied" and states["clinical_skills"].because == "step2cs"


def test_mode_changes_the_steps(catalog):
    us = {s.id for s in catalog.steps_for("current", "us-img")}
    non_us = {s.id for s in catalog.steps_for("current", "non-us-img")}
    assert {"j1_statement_of_need", "visa_granted"} <= non_us - us
    assert "step3" in us and "step3" in non_us


# -- rules pinned by mutation testing (issue #18) -----------------------------------------

def test_each_requirement_column_is_marked_met_or_not(catalog):
    """The matrix marks every requirement of an action: met when all its steps are done."""
    result = actions(catalog, "current", "non-us-img", ["usmle_id", "step1"])
    rank = result["submit_rank_list"]
    assert rank.requirements_met == {"usmle_id": True, "passing_exams": False}
    assert result["apply_usmle"].requirements_met == {"usmle_id": True}
    everything = actions(catalog, "current", "non-us-img", ["ecfmg_certificate"])
    assert everything["start_residency"].requirements_met == {
        "usmle_id": True, "passing_exams": True, "ecfmg_certification": True}


def test_an_implied_step_names_the_first_done_step_that_implies_it(catalog):
    """With Step 1 and Step 2 CK both ticked, the ID is implied 'because' of Step 1 (the first in
    checklist order), not re-attributed to each later step that also needs it."""
    states = {s.step.id: s for s in step_states(catalog.steps_for("current", "non-us-img"),
                                                 {"step1": D, "step2ck": D})}
    assert states["usmle_id"].how == "implied" and states["usmle_id"].because == "step1"
    assert states["status_verification"].because == "step1"


def test_a_ticked_prerequisite_stays_done_not_implied(catalog):
    """A step the person ticked keeps its own date and 'done', even when a later step implies it."""
    states = {s.step.id: s for s in step_states(catalog.steps_for("current", "non-us-img"),
                                                 {"usmle_id": date(2025, 1, 2), "step1": D})}
    assert states["usmle_id"].how == "done" and states["usmle_id"].date == date(2025, 1, 2)
    assert states["usmle_id"].because is None and states["ecfmg_application"].because == "step1"
    assert states["ecfmg_application"].date is None
