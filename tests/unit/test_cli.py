import json
import subprocess
import sys

import pytest

from imgtui.cli import main

from ..conftest import NOW


def run(capsys, *argv):
    code = main(list(argv), clock=lambda: NOW)
    out, err = capsys.readouterr()
    return code, out, err


def status(capsys, *argv):
    code, out, err = run(capsys, "status", "--json", *argv)
    assert code == 0, err
    return json.loads(out)


def test_status_json_has_the_documented_fields(capsys):
    data = status(capsys)
    assert {"mode", "rules", "match_year", "steps", "actions", "deadlines"} <= set(data)
    assert (data["mode"], data["rules"], data["match_year"]) == ("non-us-img", "current", 2027)
    assert set(data["steps"][0]) >= {"id", "title", "done", "date"}
    assert set(data["actions"][0]) >= {"id", "title", "allowed", "missing"}
    assert set(data["deadlines"][0]) >= {"id", "title", "at", "status"}


def test_match_day_2026_official_and_2027_projected(capsys):
    d2026 = {d["id"]: d for d in status(capsys, "--match-year", "2026")["deadlines"]}
    assert d2026["match_day"]["at"] == "2026-03-20T12:00:00-04:00" and d2026["match_day"]["status"] == "official"
    d2027 = {d["id"]: d for d in status(capsys, "--match-year", "2027")["deadlines"]}
    assert d2027["match_day"]["at"].startswith("2027-03-19") and d2027["match_day"]["status"] == "projected"
    assert d2027["september_15"]["at"] == "2026-09-15T12:00:00-04:00"


def test_rule_sets_change_the_steps(capsys):
    guide = [s["id"] for s in status(capsys, "--rules", "guide-2019")["steps"]]
    current = [s["id"] for s in status(capsys, "--rules", "current")["steps"]]
    assert "step2cs" in guide
    assert "clinical_skills" in current and "oet_medicine" in current and "step2cs" not in current


def test_progress_drives_the_actions(capsys, progress_path):
    progress_path.parent.mkdir(parents=True)
    progress_path.write_text("[completed]\nusmle_id = 2026-03-02\n")
    actions = {a["id"]: a for a in status(capsys)["actions"]}
    assert actions["apply_usmle"]["allowed"] is True
    assert actions["submit_rank_list"]["allowed"] is False
    assert actions["submit_rank_list"]["missing"] == ["step1", "step2ck", "clinical_skills", "oet_medicine"]
    progress_path.write_text("[completed]\nstep1 = 2026-03-02\nstep2ck = 2026-05-02\n"
                             "clinical_skills = 2026-06-02\noet_medicine = 2026-06-09\n")
    actions = {a["id"]: a for a in status(capsys)["actions"]}
    assert actions["submit_rank_list"]["allowed"] is True and actions["start_residency"]["allowed"] is False


def test_mode_option_and_saved_mode(capsys, progress_path):
    assert status(capsys, "--mode", "us-img")["mode"] == "us-img"
    progress_path.parent.mkdir(parents=True)
    progress_path.write_text('mode = "us-img"\n')
    data = status(capsys)
    assert data["mode"] == "us-img" and "visa_granted" not in [s["id"] for s in data["steps"]]


def test_status_text_is_readable(capsys):
    code, out, _ = run(capsys, "status")
    assert code == 0
    assert "Match 2027" in out and "Match Day" in out and "≈ projected" in out and "blocked" in out
    assert "[ ] Get a USMLE/ECFMG ID" in out


def test_status_text_shows_ticked_steps(capsys, progress_path):
    progress_path.parent.mkdir(parents=True)
    progress_path.write_text("[completed]\nusmle_id = 2026-03-02\n")
    code, out, _ = run(capsys, "status", "--match-year", "2020")
    assert code == 0 and "[x] Get a USMLE/ECFMG ID  (2026-03-02)" in out and "No dates ahead in Match 2020" in out


def test_a_corrupt_file_is_one_clear_line_and_stays_as_it_was(capsys, progress_path):
    progress_path.parent.mkdir(parents=True)
    progress_path.write_bytes(b'mode = "us-img\n[completed\n')
    before = progress_path.read_bytes()
    for argv in (["status"], ["status", "--json"]):
        code, out, err = run(capsys, *argv)
        assert code == 2 and out == ""
        assert err.count("\n") == 1 and "progress.toml" in err and "line 1" in err and "Traceback" not in err
    assert progress_path.read_bytes() == before


@pytest.mark.parametrize("argv, words", [
    (["--mode", "martian", "status"], "invalid choice"),
    (["status", "--match-year", "soon"], "expected a year"),
    (["frobnicate"], "invalid choice"),
])
def test_usage_errors_are_one_line(capsys, argv, words):
    code, out, err = run(capsys, *argv)
    assert code == 2 and words in err and err.count("\n") == 1


def test_version_and_help(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0 and "imgtui 0." in capsys.readouterr().out
    with pytest.raises(SystemExit):
        main(["--help"])
    text = capsys.readouterr().out
    for option in ("--mode", "--rules", "--match-year", "status", "stats", "progress.toml"):
        assert option in text


def test_help_names_the_progress_file_of_this_run(capsys, monkeypatch, tmp_path):
    """The grammar is built once per process; where progress is saved is read when help is asked."""
    for folder in ("first", "second"):
        monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / folder))
        with pytest.raises(SystemExit):
            main(["--help"])
        text = "".join(capsys.readouterr().out.split())  # help wraps a long path anywhere
        assert f"Progressissavedin{tmp_path / folder / 'imgtui' / 'progress.toml'}(setXDG_CONFIG_HOME" in text


def test_the_app_without_a_terminal_points_to_status():
    result = subprocess.run([sys.executable, "-m", "imgtui"], capture_output=True, text=True, stdin=subprocess.DEVNULL)
    assert result.returncode == 2 and "imgtui status" in result.stderr and "Traceback" not in result.stderr


def test_bad_clock_variable_is_one_line(monkeypatch):
    monkeypatch.setenv("IMGTUI_NOW", "tomorrow")
    result = subprocess.run([sys.executable, "-m", "imgtui", "status"], capture_output=True, text=True)
    assert result.returncode == 2 and "IMGTUI_NOW" in result.stderr and result.stderr.count("\n") == 1


def test_no_arguments_skip_the_parser_but_mean_what_it_would_say():
    from imgtui.cli.arguments import build_parser
    from imgtui.cli import NO_ARGUMENTS, parse_arguments

    assert vars(build_parser().parse_args([])) == NO_ARGUMENTS == vars(parse_arguments([]))


def test_the_console_script_pauses_the_collector_until_the_first_frame():
    """launch.main pauses it; the app's resume_garbage_collection turns it back on (and only then)."""
    code = ("import gc, sys\n"
            "import imgtui.cli\n"
            "seen = []\n"
            "imgtui.cli.main = lambda: seen.append(gc.isenabled()) or 0\n"
            "from imgtui.launch import main\nfrom imgtui.startup import resume_garbage_collection\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "resume_garbage_collection()\n"
            "print(seen, gc.isenabled(), gc.get_freeze_count() > 0)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["[False]", "True", "True"]
