#!/usr/bin/env python3
"""Write a CSV of N synthetic programs (default 5,000) shaped like a pasted FREIDA search.
Deterministic (seeded), for the benchmarks and tests: `python benchmarks/make_programs.py 5000 > p.csv`."""

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


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    writer = None
    for row in rows(count):
        if writer is None:
            writer = csv.DictWriter(sys.stdout, fieldnames=list(row))
            writer.writeheader()
        writer.writerow(row)


if __name__ == "__main__":
    main()
