#!/usr/bin/env python3
"""Write a CSV of N synthetic programs (default 5,000) shaped like a pasted FREIDA search.
Deterministic (seeded), for the benchmarks and tests: `python benchmarks/make_programs.py 5000 > p.csv`.
With `--interviews`, every program also has an interview (invited, scheduled across US zones,
completed, ...) and the first 300 completed ones a Rank: a season at its busiest."""

from __future__ import annotations

import csv
import random
import sys

KINDS = ["General", "Memorial", "University", "Community", "Regional"]
SPECIALTIES = [
    "Internal Medicine",
    "Family Medicine",
    "Pediatrics",
    "Psychiatry",
    "Neurology",
    "Pathology",
    "General Surgery",
    "Anesthesiology",
    "Emergency Medicine",
    "Obstetrics and Gynecology",
    "Diagnostic Radiology",
    "Physical Medicine and Rehabilitation",
]
STATES = ["NY", "NJ", "PA", "IL", "MI", "OH", "TX", "CA", "FL", "MA", "MD", "GA", "NC", "MO", "WI"]
CITIES = [
    "Springfield",
    "Riverside",
    "Franklin",
    "Greenville",
    "Bristol",
    "Clinton",
    "Fairview",
    "Salem",
    "Madison",
    "Georgetown",
    "Arlington",
    "Ashland",
    "Dover",
    "Oxford",
    "Jackson",
]
STATUSES = ["researching"] * 8 + ["applied", "interview_offered", "interviewed", "ranked"]
INTERVIEWS = ["invited", "scheduled", "scheduled", "waitlisted", "completed", "completed", "declined", "cancelled"]
ZONES = ["ET", "CT", "MT", "PT", "AKT", "HT"]
RANKED = 300


def rows(count: int, seed: int = 2026):
    rng = random.Random(seed)
    for i in range(count):
        specialty = rng.choice(SPECIALTIES)
        yield {
            "Program": f"{rng.choice(CITIES)} {rng.choice(KINDS)} Hospital {specialty} Program {i:05d}",
            "Specialty": specialty,
            "City": rng.choice(CITIES),
            "State": rng.choice(STATES),
            "J-1": rng.choice(["yes", "yes", "yes", "no", ""]),
            "H-1B": rng.choice(["yes", "no", "no", "no", ""]),
            "% IMG": rng.choice(["", str(rng.randint(0, 80)), f"{rng.uniform(0, 60):.1f}"]),
            "Min score": rng.choice(["", str(rng.randint(200, 240))]),
            "Interviews": rng.choice(["", str(rng.randint(0, 30))]),
            "Status": rng.choice(STATUSES),
            "Last checked": f"2026-{rng.randint(1, 10):02d}-{rng.randint(1, 28):02d}",
            "Notes": rng.choice(["", "program website lists IMGs", "observership here", "call coordinator"]),
            "FREIDA ID": str(1400000000 + i),
        }


def with_interviews(rows, seed: int = 15):
    """The same rows with an interview each (dates November 2026 to February 2027, times as
    programs write them) and a rank for the first RANKED completed interviews."""
    rng = random.Random(seed)
    ranked = 0
    for row in rows:
        status = rng.choice(INTERVIEWS)
        month, day = rng.choice([(11, 30), (12, 31), (1, 31), (2, 28)])
        year = 2026 if month >= 11 else 2027
        row["Interview"] = status
        row["Interview date"] = f"{year}-{month:02d}-{rng.randint(1, day):02d}"
        row["Interview time"] = f"{rng.randint(7, 11)}:{rng.choice(['00', '30'])} AM {rng.choice(ZONES)}"
        row["Invited on"] = f"2026-{rng.randint(9, 11):02d}-{rng.randint(1, 20):02d}"
        row["Rank"] = ""
        if status == "completed" and ranked < RANKED:
            ranked += 1
            row["Rank"] = str(ranked)
        yield row


def main() -> None:
    arguments = [a for a in sys.argv[1:] if not a.startswith("--")]
    count = int(arguments[0]) if arguments else 5000
    generated = rows(count)
    if "--interviews" in sys.argv:
        generated = with_interviews(generated)
    writer = None
    for row in generated:
        if writer is None:
            writer = csv.DictWriter(sys.stdout, fieldnames=list(row))
            writer.writeheader()
        writer.writerow(row)


if __name__ == "__main__":
    main()
