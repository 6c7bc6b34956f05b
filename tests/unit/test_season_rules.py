"""Mutation testing (#18): specialty names folded to the tables' names, a season's figure
and its source, each built fresh here (the app keeps one SpecialtyNames per table)."""

from __future__ import annotations

from imgtui.domain.model import SpecialtyName
from imgtui.domain.season import Chosen, SpecialtyNames, source_title

RADIOLOGY = "Diagnostic Radiology and Interventional Radiology"
NAMES = (
    SpecialtyName("Obstetrics and Gynecology", ("OB/GYN", "OBGYN")),
    SpecialtyName("Diagnostic Radiology", ("DR", "Radiology"), RADIOLOGY),
    SpecialtyName("Interventional Radiology", ("IR",), RADIOLOGY),
)


def test_a_specialty_is_folded_to_the_tables_name_whatever_its_spelling():
    names = SpecialtyNames(NAMES)
    for _twice in range(2):  # the second answer comes from what was folded the first time
        assert names.canonical("ob gyn") == "Obstetrics and Gynecology"
        assert names.canonical("Obstetrics & Gynecology") == "Obstetrics and Gynecology"
        assert names.canonical("  Sleep   Medicine ") == "Sleep Medicine"  # not in the table: as written, trimmed


def test_specialties_sharing_a_signal_row_signal_as_that_row():
    names = SpecialtyNames(NAMES)
    for _twice in range(2):
        assert names.signal_group("IR") == RADIOLOGY and names.signal_group("radiology") == RADIOLOGY
        assert names.signal_group("OBGYN") == "Obstetrics and Gynecology"
        assert names.signal_group("Sleep  Medicine") == "Sleep Medicine"
    assert names.same("OB/GYN", "obstetrics and gynecology") and not names.same("DR", "IR")


def test_a_figures_label_names_its_season():
    assert Chosen(2027, 2027, False).label() == "the 2027 season's figure"
    assert Chosen(2027, 2026, True).label("fee") == "the 2026 season's fee, projected: 2027's is not published"


def test_a_source_is_shown_without_its_address():
    assert source_title("AAMC: Fees, 2027, https://students-residents.aamc.org/fees") == "AAMC: Fees, 2027"
    assert source_title("NRMP: Results and Data,http://www.nrmp.org/x") == "NRMP: Results and Data"
    assert source_title("ECFMG Information Booklet") == "ECFMG Information Booklet"
