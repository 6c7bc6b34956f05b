"""What `imgtui facts` lists for each kind of fact: one small catalog, built in memory, and its
whole listing (id, area, what, value, the day it is about, superseded) as a table. The id is
what a person's own facts file overrides by, the area picks the refresh period and the
heading, and the title carries the Match year, season, specialty or service it belongs to."""

from datetime import date, datetime, time, timezone

import pytest

from imgtui.domain.facts import Fact, catalog_facts, freshness, past_match_days, stale_facts, stale_for
from imgtui.domain.model import (
    EASTERN,
    Action,
    Advice,
    CalendarRule,
    Catalog,
    ChecklistItem,
    CutOff,
    DatedFact,
    Division,
    FeeAmount,
    FeeItem,
    FeeSchedule,
    FeeTier,
    Geography,
    ImgShare,
    LeadTime,
    Limit,
    OetMinimum,
    OetRecency,
    Outcome,
    Outcomes,
    OutsidePlace,
    PathwaysDeadline,
    PathwaysSeason,
    PreferenceRule,
    Provenance,
    PublishedDate,
    RefreshPeriod,
    RuleSet,
    SeasonFacts,
    ServiceName,
    Services,
    SignalCount,
    SignalTable,
    SpecialtyService,
    StatsRow,
    StatsTable,
    Step,
    VisaAspect,
    VisaFact,
    VisaUpdate,
)
from imgtui.domain.timeline import Deadline

P = Provenance("https://example.org/facts", date(2026, 1, 5), "official")
URL = "https://example.org/page"

CALENDAR = (
    CalendarRule("match_day", "Match Day", "nth_weekday", P, month=3, weekday=4, n=3, time=time(12, 0)),
    CalendarRule("opens", "Applications open", "fixed", P, month=6, day=5, year_offset=-1, weekend="next_weekday"),
    CalendarRule("ranks", "Rank lists close", "days_before", P, of="match_day", days=16, time=time(21, 0)),
    CalendarRule("soap", "SOAP ends", "days_after", P, of="match_day", days=1),
)

CATALOG = Catalog(
    steps=(
        Step("oet", "Pass OET Medicine", "ecfmg", ("current",), ("non-us-img",), (), "For certification.", P),
        Step("step2cs", "Pass Step 2 CS", "usmle", ("old",), ("non-us-img",), (), "Discontinued.", P,
             counts_if_before=CutOff(date(2021, 1, 26), "the exam ended", P)),
        Step("oet", "Pass OET Medicine", "ecfmg", ("old",), ("non-us-img",), (), "Under the old rules.", P),
    ),
    rule_sets={
        "current": RuleSet("current", "Current rules", "Since Match 2023.", P, True, (),
                           (Action("apply", "Apply to programs", (), P, reading="from the day ERAS opens"),
                            Action("rank", "Certify a rank list", (), P)),
                           CALENDAR, DatedFact(date(2022, 1, 26), P)),
        "old": RuleSet("old", "Old rules", "Before 2023.", P, False, (), (), ()),
    },
    published={
        2027: (PublishedDate("match_day", "Match Day", date(2027, 3, 19), time(12, 0), P),
               PublishedDate("eras_opens", "ERAS opens", date(2026, 6, 3), None, P)),
        2026: (PublishedDate("match_day", "Match Day", date(2026, 3, 20), time(12, 0), P),),
    },
    stats_year=2018,
    stats_source="NRMP 2018",
    stats=(StatsTable("research_matched", "Research experiences", "count", (),
                      (StatsRow("IM", "3.1", (3.1,)), StatsRow("FM", "2.0", (2.0,))), P),),
    visa=(VisaAspect("sponsor", "Who sponsors", VisaFact("ECFMG", P), VisaFact("The program", P),
                     VisaFact("Both are common", P)),
          VisaAspect("cap", "Cap", VisaFact("No cap", P), VisaFact("Cap-exempt", P))),
    lead_times=(LeadTime("score_lag", "Scores take", 28, "Four weeks.", P),
                LeadTime("same_day", "Same day", 1, "A day.", P)),
    advice=(Advice("step1_ideal", "Step 1 ideally", "step1", "ideal", "Before August.", 8, 1, -1, P),),
    visa_updates=(VisaUpdate("h1b_fee", "New H-1B petition fee", "h1b", date(2025, 9, 21), "$100,000 a petition",
                             "more cost", P),),
    services=Services("eras", {"eras": ServiceName("eras", "ERAS", "Electronic Residency Application Service", P),
                               "residencycas": ServiceName("residencycas", "ResidencyCAS",
                                                           "Residency Centralized Application Service", P)},
                      (SpecialtyService("emergency_medicine", "Emergency Medicine", ("em",), "residencycas", 2027,
                                        "", P),)),
    pathways=(
        PathwaysSeason(2026, "2026 Pathways", ("Pathway 1", "Pathway 6"),
                       (PathwaysDeadline("apply_by", "Apply by", date(2026, 1, 31), None, True, P),), P,
                       OetMinimum("350 in each part", P), OetRecency(date(2024, 1, 1), "two years", P), 2026),
        PathwaysSeason(2027, "2027 Pathways", (), (), P,
                       OetMinimum("350 in each part", P), OetRecency(date(2025, 1, 1), "two years", P), 2026),
    ),
    outcomes=Outcomes("Main Match", (
        Outcome(2024, "us_img", 59.5, 2500, 4200, P),
        Outcome(2025, "us_img", 61.25, 12345, None, P),
        Outcome(2025, "non_us_img", 58.0, 7000, 12000, P),
    ), (ImgShare(2024, "Internal Medicine", 41.04, P), ImgShare(2025, "OB/GYN", 5.0, P))),
    refresh=(
        RefreshPeriod("season", "one season", 365, None, ("dates", "fees", "signals")),
        RefreshPeriod("six_months", "six months", 183, None, ("rules", "visa")),
        RefreshPeriod("one_match", "one Match", None, 1, ("outcomes", "pathways")),
        RefreshPeriod("two_matches", "two Matches", None, 2, ("services",)),
        RefreshPeriod("later", "a later period", 1, None, ("dates", "services")),  # the first that names an area counts
    ),
    limits=(Limit("letters_per_program", "Letters per program", 4, "ERAS sends up to four.", P),),
    soap_checklist=(ChecklistItem("eligible", "Check your eligibility.", P),),
    season_facts=SeasonFacts(
        schedules=(
            FeeSchedule("eras", 2025, (), (FeeTier(1, 10, 99, True), FeeTier(11, None, 30)), P, URL),
            FeeSchedule("eras", 2026, (), (FeeTier(1, 10, 110, True), FeeTier(11, 20, 19), FeeTier(21, None, 35)),
                        P, URL),
            FeeSchedule("residencycas", 2026, ("Emergency Medicine",), (), P, URL, missing="not published yet"),
            FeeSchedule("other", 2026, (), (FeeTier(1, None, 5),), P, URL),
        ),
        items=(FeeItem("step1", "USMLE Step 1", "step:step1",
                       (FeeAmount(2025, 1000, P, URL), FeeAmount(2026, 1025, P, URL))),),
        signals=(
            SignalTable(2026, (SignalCount("Internal Medicine", 3, 7, None, False, P, URL),
                               SignalCount("OB/GYN", None, None, None, True, P, URL, note="not published"))),
            SignalTable(2025, (SignalCount("Internal Medicine", None, None, 10, False, P, URL),)),
        ),
        geography=Geography(
            (Division("new_england", "New England", "Northeast", (("CT", "Connecticut"), ("MA", "Massachusetts"))),),
            (OutsidePlace("PR", "Puerto Rico", "Counts as its own place.", P, URL),),
            PreferenceRule(3, "Up to three divisions.", P, URL), P, URL),
    ),
)

# (id, area, what, value, the day it is about, superseded by a newer figure)
LISTING = [
    ("step.oet", "rules", "Pass OET Medicine", "For certification.", None, False),
    # The day a rule checks (a CS pass counts only before it): dated, so it becomes history.
    ("step.step2cs", "rules", "Pass Step 2 CS", "Discontinued.", None, False),
    ("step.step2cs.counts_if_before", "rules", "Pass Step 2 CS: counts only if dated before",
     "2021-01-26 (the exam ended)", date(2021, 1, 26), False),
    # A step listed once per rule set keeps a unique id: the second is numbered.
    ("step.oet.2", "rules", "Pass OET Medicine", "Under the old rules.", None, False),
    ("rules.current", "rules", "Current rules", "Since Match 2023.", None, False),
    ("rules.current.step1_pass_fail", "rules", "Step 1 pass/fail only since", "2022-01-26", None, False),
    ("rules.current.action.apply", "rules", "Apply to programs", "from the day ERAS opens", None, False),
    ("rules.current.action.rank", "rules", "Certify a rank list", "", None, False),
    # A calendar rule says in words how its date is found, and the time in Eastern.
    ("rules.current.calendar.match_day", "dates", "Match Day", "Friday #3 of month 3, Match year +0 12:00 ET",
     None, False),
    ("rules.current.calendar.opens", "dates", "Applications open",
     "06-05 of Match year -1, next weekday if on a weekend", None, False),
    ("rules.current.calendar.ranks", "dates", "Rank lists close", "16 days before match_day 21:00 ET", None, False),
    ("rules.current.calendar.soap", "dates", "SOAP ends", "1 day after match_day", None, False),
    ("rules.old", "rules", "Old rules", "Before 2023.", None, False),
    # Published dates, oldest Match year first, each title naming its Match year.
    ("match.2026.match_day", "dates", "Match 2026: Match Day", "2026-03-20 12:00 ET", date(2026, 3, 20), False),
    ("match.2027.match_day", "dates", "Match 2027: Match Day", "2027-03-19 12:00 ET", date(2027, 3, 19), False),
    ("match.2027.eras_opens", "dates", "Match 2027: ERAS opens", "2026-06-03", date(2026, 6, 3), False),
    # A Pathways season is history once its Match Day has passed; an unpublished season
    # carries the last published season's OET rules and says so.
    ("pathways.2026", "pathways", "2026 Pathways", "Pathway 1, Pathway 6", date(2026, 3, 20), False),
    ("pathways.2026.apply_by", "pathways", "Apply by", "2026-01-31", date(2026, 1, 31), False),
    ("pathways.2026.oet_minimum", "pathways", "2026 Pathways: OET minimum", "350 in each part",
     date(2026, 3, 20), False),
    ("pathways.2026.oet_recency", "pathways", "2026 Pathways: OET taken on or after", "2024-01-01",
     date(2026, 3, 20), False),
    ("pathways.2027", "pathways", "2027 Pathways", "which pathways: not found", date(2027, 3, 19), False),
    ("pathways.2027.oet_minimum", "pathways", "2027 Pathways: OET minimum (the last published: 2026 Pathways)",
     "350 in each part", date(2027, 3, 19), False),
    ("pathways.2027.oet_recency", "pathways",
     "2027 Pathways: OET taken on or after (the last published: 2026 Pathways)", "2025-01-01", date(2027, 3, 19),
     False),
    ("service.eras", "services", "ERAS", "Electronic Residency Application Service", None, False),
    ("service.residencycas", "services", "ResidencyCAS", "Residency Centralized Application Service", None, False),
    ("service.emergency_medicine", "services", "Application service: Emergency Medicine",
     "ResidencyCAS from Match 2027", None, False),
    ("visa.aspect.sponsor.j1", "visa", "Who sponsors (J1)", "ECFMG", None, False),
    ("visa.aspect.sponsor.h1b", "visa", "Who sponsors (H1B)", "The program", None, False),
    ("visa.aspect.sponsor.guide", "visa", "Who sponsors (the guide)", "Both are common", None, False),
    ("visa.aspect.cap.j1", "visa", "Cap (J1)", "No cap", None, False),
    ("visa.aspect.cap.h1b", "visa", "Cap (H1B)", "Cap-exempt", None, False),
    ("visa.h1b_fee", "visa", "New H-1B petition fee", "2025-09-21: $100,000 a petition", None, False),
    # Outcomes: a group's older year is superseded by its newer one, not by another group's.
    ("outcome.2024.us_img", "outcomes", "Match 2024: us_img matched to PGY-1", "59.5% (2,500 of 4,200)", None, True),
    ("outcome.2025.us_img", "outcomes", "Match 2025: us_img matched to PGY-1", "61.2% (12,345)", None, False),
    ("outcome.2025.non_us_img", "outcomes", "Match 2025: non_us_img matched to PGY-1", "58.0% (7,000 of 12,000)",
     None, False),
    ("img_share.2024.internal_medicine", "outcomes", "Match 2024: PGY-1 positions filled by IMGs, Internal Medicine",
     "41.0%", None, True),
    ("img_share.2025.ob_gyn", "outcomes", "Match 2025: PGY-1 positions filled by IMGs, OB/GYN", "5.0%", None, False),
    # Fees per season: a flat tier costs once, an open tier has no upper end; the service is
    # named by its title; an older season of the same service is superseded.
    ("fee.eras.2025", "fees", "2025 season: ERAS application fees (per specialty)",
     "1-10: $99 for the tier; 11+: $30 each", None, True),
    ("fee.eras.2026", "fees", "2026 season: ERAS application fees (per specialty)",
     "1-10: $110 for the tier; 11-20: $19 each; 21+: $35 each", None, False),
    ("fee.residencycas.2026.emergency_medicine", "fees",
     "2026 season: ResidencyCAS application fees (Emergency Medicine)", "not published yet", None, False),
    ("fee.other.2026", "fees", "2026 season: other application fees (per specialty)", "1+: $5 each", None, False),
    ("fee.step1.2025", "fees", "USMLE Step 1 (2025)", "$1,000", None, True),
    ("fee.step1.2026", "fees", "USMLE Step 1 (2026)", "$1,025", None, False),
    # Signals per season and specialty; a count not found says why.
    ("signals.2026.internal_medicine", "signals", "2026 season: program signals, Internal Medicine",
     "3 gold + 7 silver", None, False),
    ("signals.2026.ob_gyn", "signals", "2026 season: program signals, OB/GYN", "not found: not published", None, False),
    ("signals.2025.internal_medicine", "signals", "2025 season: program signals, Internal Medicine", "10", None, True),
    ("division.new_england", "geography", "Census division: New England", "CT, MA", None, False),
    ("division.outside.pr", "geography", "Puerto Rico", "Counts as its own place.", None, False),
    ("division.preferences", "geography", "ERAS geographic preferences", "Up to three divisions.", None, False),
    ("stats.2018.research_matched", "guide", "Research experiences", "2 rows", None, False),
    ("timing.score_lag", "guide", "Scores take", "28 days: Four weeks.", None, False),
    ("timing.same_day", "guide", "Same day", "1 day: A day.", None, False),
    ("timing.step1_ideal", "guide", "Step 1 ideally", "Before August.", None, False),
    ("limit.letters_per_program", "rules", "Letters per program", "4: ERAS sends up to four.", None, False),
    ("soap.eligible", "rules", "If you did not match: what SOAP needs ready", "Check your eligibility.", None, False),
]


def test_each_kind_of_fact_is_listed_with_its_id_area_title_value_and_day():
    listed = [(f.id, f.area, f.what, f.value, f.on, f.superseded) for f in catalog_facts(CATALOG)]
    for got, want in zip(listed, LISTING, strict=True):  # one row at a time: a readable diff
        assert got == want
    assert all(f.provenance == P for f in catalog_facts(CATALOG))


def test_the_older_figure_is_superseded_in_whichever_order_the_file_lists_them():
    newest_first = CATALOG._replace(outcomes=CATALOG.outcomes._replace(rows=CATALOG.outcomes.rows[::-1]))
    superseded = {f.id for f in catalog_facts(newest_first) if f.superseded and f.id.startswith("outcome.")}
    assert superseded == {"outcome.2024.us_img"}


def test_ids_are_unique_so_a_users_fact_overrides_exactly_one():
    ids = [f.id for f in catalog_facts(CATALOG)]
    assert len(ids) == len(set(ids))



def test_without_current_rules_a_pathways_season_has_no_match_day_to_end_it():
    no_current = CATALOG._replace(rule_sets={"old": CATALOG.rule_sets["old"]})
    pathways = [f for f in catalog_facts(no_current) if f.area == "pathways" and not f.id.endswith("apply_by")]
    assert len(pathways) == 6 and all(f.on is None for f in pathways)


def test_without_services_shares_or_geography_the_rest_is_still_listed():
    bare = CATALOG._replace(services=None, outcomes=Outcomes("Main Match", CATALOG.outcomes.rows, ()),
                            season_facts=CATALOG.season_facts._replace(geography=None))
    by_id = {f.id: f for f in catalog_facts(bare)}
    assert by_id["fee.eras.2026"].what == "2026 season: eras application fees (per specialty)"  # its id, no title
    assert not any(i.startswith(("service.", "img_share.", "division.")) for i in by_id)
    assert [i for i in by_id if i.startswith("outcome.")] == ["outcome.2024.us_img", "outcome.2025.us_img",
                                                             "outcome.2025.non_us_img"]


# -- past its refresh period or not, and why ------------------------------------------------

NOW = datetime(2026, 11, 24, 10, 0, tzinfo=EASTERN)  # Match Days: 2025-03-21 (projected), 2026-03-20, 2027-03-19


def et(day: str, hour: int = 10, minute: int = 0) -> datetime:
    return datetime.fromisoformat(day).replace(hour=hour, minute=minute, tzinfo=EASTERN)


def a_fact(area, as_of, status="reported", on=None, superseded=False) -> Fact:
    return Fact("x", area, "what", "value", Provenance(URL, date.fromisoformat(as_of), status),
                date.fromisoformat(on) if on else None, superseded)


@pytest.mark.parametrize("fact, now, age, period, stale, why", [
    (a_fact("rules", "2018-09-15", status="guide"), NOW, 2992, None, False, "the guide does not change"),
    (a_fact("dates", "2020-01-01", status="derived"), NOW, 2519, None, False, "follows its anchor"),
    (a_fact("dates", "2024-02-01", on="2026-11-23"), NOW, 1027, "one season", False, "history: its date has passed"),
    # On its own day a dated fact is not history yet: its period decides.
    (a_fact("dates", "2024-02-01", on="2026-11-24"), NOW, 1027, "one season", True,
     "past one season since 2024-02-01 (due 2025-01-31)"),
    (a_fact("outcomes", "2023-03-17", superseded=True), NOW, 1348, "one Match", False, "a newer figure is here"),
    (a_fact("guide", "2018-09-15"), NOW, 2992, None, False, "no refresh period"),
    (a_fact("dates", "2025-11-24"), NOW, 365, "one season", False, "fresh for one season (until 2026-11-24)"),
    (a_fact("dates", "2025-11-23"), NOW, 366, "one season", True, "past one season since 2025-11-23 (due 2026-11-23)"),
    # The day is Eastern: 03:00 UTC on the 25th is still the 24th in New York.
    (a_fact("dates", "2025-11-24"), datetime(2026, 11, 25, 3, 0, tzinfo=timezone.utc), 365, "one season", False,
     "fresh for one season (until 2026-11-24)"),
    # By Match Days: one passed after as_of (not on it), at noon Eastern.
    (a_fact("outcomes", "2026-03-20"), NOW, 249, "one Match", False, "fresh until the next Match Day"),
    (a_fact("outcomes", "2026-03-19"), NOW, 250, "one Match", True,
     "past one Match: Match Day 2026-03-20 has passed since"),
    (a_fact("outcomes", "2025-06-01"), et("2026-03-20", 11, 59), 292, "one Match", False,
     "fresh until the next Match Day"),
    (a_fact("outcomes", "2025-06-01"), et("2026-03-20", 12), 292, "one Match", True,
     "past one Match: Match Day 2026-03-20 has passed since"),
    # Two Match Days: the later one is named.
    (a_fact("services", "2025-03-20"), NOW, 614, "two Matches", True,
     "past two Matches: Match Day 2026-03-20 has passed since"),
    (a_fact("services", "2025-03-21"), NOW, 613, "two Matches", False, "fresh until the next Match Day"),
])
def test_freshness_says_whether_a_fact_is_past_its_period_and_why(fact, now, age, period, stale, why):
    got = freshness(fact, CATALOG, now)
    assert (got.age_days, got.period.title if got.period else None, got.stale, got.why) == (age, period, stale, why)


def test_the_day_is_counted_in_eastern_time_whatever_the_machines_zone(machine_in_tokyo):
    late_evening = et("2026-11-24", 22)  # already the 25th in Tokyo
    assert freshness(a_fact("dates", "2025-11-24"), CATALOG, late_evening).stale is False


def test_match_days_pass_at_noon_eastern_oldest_first():
    assert past_match_days(CATALOG, 2025, et("2026-03-20", 11, 59)) == [date(2025, 3, 21)]
    assert past_match_days(CATALOG, 2025, et("2026-03-20", 12)) == [date(2025, 3, 21), date(2026, 3, 20)]
    assert past_match_days(CATALOG, 2026, et("2027-03-19", 12)) == [date(2026, 3, 20), date(2027, 3, 19)]
    assert past_match_days(CATALOG._replace(rule_sets={"old": CATALOG.rule_sets["old"]}), 2025, NOW) == []


def test_stale_facts_counts_match_days_from_the_oldest_fact_and_keeps_to_the_areas_asked():
    old = a_fact("services", "2025-03-01")  # two Match Days since: 2025-03-21 and 2026-03-20
    new = a_fact("outcomes", "2026-01-05")._replace(id="y")
    dated = a_fact("dates", "2024-01-01")._replace(id="z")
    assert stale_facts([new, old, dated], CATALOG, NOW) == [new, old, dated]
    assert stale_facts([new, old, dated], CATALOG, NOW, ("services", "dates")) == [old, dated]
    assert stale_facts([old, dated], CATALOG, NOW, ("services",)) == [old]
    assert stale_facts([dated], CATALOG, NOW, ("services",)) == []


def test_the_stale_facts_a_person_relies_on_are_their_deadlines_and_the_visa_facts_only_if_they_need_one():
    old = Provenance(URL, date(2025, 1, 1), "reported")
    ahead = Deadline("match_day", "Match Day", date(2027, 3, 19), time(12, 0), old)
    derived = Deadline("step1_safe", "Step 1, safely", date(2027, 1, 1), None, Provenance(URL, date(2020, 1, 1),
                                                                                              "derived"))
    passed = Deadline("eras_opens", "ERAS opens", date(2026, 6, 3), None, old)
    stale = stale_for(CATALOG, [ahead, derived, passed], False, NOW)
    rules = ["step.oet", "step.step2cs", "step.oet.2", "rules.current", "rules.current.step1_pass_fail",
             "rules.current.action.apply", "rules.current.action.rank", "rules.old"]
    pathways = ["pathways.2027", "pathways.2027.oet_minimum", "pathways.2027.oet_recency"]
    outcomes = ["outcome.2025.us_img", "outcome.2025.non_us_img", "img_share.2025.ob_gyn"]
    tail = ["limit.letters_per_program", "soap.eligible", "match_day"]
    assert [f.id for f in stale] == rules + pathways + outcomes + tail
    assert stale[-1] == Fact("match_day", "dates", "Match Day", "2027-03-19", old, date(2027, 3, 19))
    visa = [f.id for f in stale_for(CATALOG, [], True, NOW) if f.area == "visa"]
    assert visa == ["visa.aspect.sponsor.j1", "visa.aspect.sponsor.h1b", "visa.aspect.sponsor.guide",
                    "visa.aspect.cap.j1", "visa.aspect.cap.h1b", "visa.h1b_fee"]
