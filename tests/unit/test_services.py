"""ERAS or ResidencyCAS, per specialty and Match year, and how the person's steps, matrix
and dates name it (issue #13 point 3)."""

import json

import pytest

from imgtui.cli import main
from imgtui.domain.progress import Progress
from imgtui.domain.services import application, service_for
from imgtui.domain.summary import situation
from imgtui.persistence.paths import default_programs_path

from ..conftest import NOW


@pytest.mark.parametrize("specialty, year, service", [
    ("Obstetrics and Gynecology", 2025, "residencycas"),
    ("OB/GYN", 2027, "residencycas"),
    ("Obstetrics and Gynecology", 2024, "eras"),  # before the 2024-25 cycle
    ("Emergency Medicine", 2026, "residencycas"),
    ("emergency medicine", 2025, "eras"),  # EM moved for the 2025-26 cycle (Match 2026)
    ("Emergency Medicine/Internal Medicine", 2027, "residencycas"),  # combined EM programs too
    ("Emergency Medicine - Categorical", 2027, "residencycas"),
    ("Internal Medicine", 2027, "eras"),
    ("Dermatology", 2026, "eras"),
])
def test_service_per_specialty_and_match(catalog, specialty, year, service):
    choice = service_for(catalog.services, specialty, year)
    assert choice.service.id == service
    if service != "eras":
        assert choice.because is not None and "https://" in choice.because.provenance.source


@pytest.mark.parametrize("specialties, words, known", [
    ((), "ERAS or ResidencyCAS", False),  # nothing known: both exist
    (("Internal Medicine", "Pediatrics"), "ERAS", True),
    (("Emergency Medicine",), "ResidencyCAS", True),
    (("Internal Medicine", "Obstetrics and Gynecology"), "ERAS or ResidencyCAS", True),
])
def test_the_person_is_told_the_services_their_specialties_need(catalog, specialties, words, known):
    app = application(catalog.services, specialties, 2027)
    assert (app.words, app.known) == (words, known)
    s = situation(catalog, Progress(match_year=2027), NOW, specialties)
    step = next(st.step for st in s.steps if st.step.id == "eras_application")
    action = next(a.action for a in s.actions if a.action.id == "apply_residency")
    assert step.title == f"Submit your residency application ({words})"
    assert action.title == f"Submit an application for residency ({words})"
    assert all("{service}" not in st.step.title for st in s.steps)


def test_the_guide_rules_keep_the_guides_words(catalog):
    s = situation(catalog, Progress(rules="guide-2019", match_year=2020), NOW, ("Emergency Medicine",))
    assert next(st.step.title for st in s.steps if st.step.id == "eras_application") == "Submit the ERAS application"


def test_residencycas_dates_only_for_its_applicants(catalog):
    def ids(specialties):
        return {d.id for d in situation(catalog, Progress(match_year=2026), NOW, specialties).deadlines}

    assert "residencycas_deadline" in ids(())  # unknown specialties: both services' dates
    assert "residencycas_deadline" in ids(("Emergency Medicine",))
    assert "residencycas_deadline" not in ids(("Internal Medicine",))


def test_status_reads_the_program_list(capsys):
    path = default_programs_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"schema": 1, "programs": [{"name": "City EM", "specialty": "Emergency Medicine"}]}))
    assert main(["status", "--json"], clock=lambda: NOW) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["application_service"] == {"services": ["residencycas"], "words": "ResidencyCAS",
                                           "from_programs": True}
    assert main(["status"], clock=lambda: NOW) == 0
    assert "Submit your residency application (ResidencyCAS)" in capsys.readouterr().out


def test_a_broken_program_list_names_both_services(capsys):
    path = default_programs_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("{not json")
    assert main(["status", "--json"], clock=lambda: NOW) == 0
    assert json.loads(capsys.readouterr().out)["application_service"]["words"] == "ERAS or ResidencyCAS"
