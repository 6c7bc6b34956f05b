"""The catalog's value types (domain.model): the mode switch and looking a step up."""

from __future__ import annotations

from imgtui.domain.model import as_mode, other_mode


def test_switching_mode_goes_from_each_mode_to_the_other():
    assert other_mode("non-us-img") == "us-img" and other_mode("us-img") == "non-us-img"
    assert as_mode(other_mode("us-img")) == "non-us-img"


def test_a_step_id_the_catalog_does_not_have_is_none_not_an_error(catalog):
    assert catalog.step("no_such_step") is None
    assert catalog.step("step1").id == "step1"
