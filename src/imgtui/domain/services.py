"""Which application service (ERAS or ResidencyCAS) a specialty's programs use for a Match,
and how to name the service(s) a person needs from the specialties in their program list."""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from .model import ServiceName, Services, SpecialtyService

PLACEHOLDER = "{service}"
SUBSTRING_MIN = 6  # "em" only matches exactly; "emergency medicine" also inside "emergency medicine - categorical"


class ServiceChoice(NamedTuple):
    service: ServiceName
    because: SpecialtyService | None  # the data row that moved the specialty off the default


def service_for(services: Services, specialty: str, match_year: int) -> ServiceChoice:
    """The service a program of `specialty` uses for Match `match_year`."""
    entry = _specialty(services, specialty)
    if entry is not None and match_year >= entry.from_match:
        return ServiceChoice(services.names[entry.service], entry)
    return ServiceChoice(services.names[services.default], None)


def _specialty(services: Services, specialty: str) -> SpecialtyService | None:
    folded = specialty.casefold().strip()
    for entry in services.specialties:
        if folded == entry.specialty.casefold() or folded in entry.names:
            return entry
    for entry in services.specialties:
        if any(len(name) >= SUBSTRING_MIN and name in folded for name in entry.names):
            return entry
    return None


class Application(NamedTuple):
    """The application service(s) the person needs, in words."""

    service_ids: tuple[str, ...]  # every service when the person's specialties are unknown
    words: str  # "ERAS", "ResidencyCAS" or "ERAS or ResidencyCAS"
    known: bool  # False: no specialty in the program list, so both are named


def application(services: Services, specialties: Iterable[str], match_year: int) -> Application:
    """From the specialties of the person's programs; with none, every service is named so
    nobody is told "ERAS" who applies through ResidencyCAS."""
    order = list(services.names)  # as listed in data: the default first
    wanted = {service_for(services, s, match_year).service.id for s in specialties if s.strip()}
    known = bool(wanted)
    ids = tuple(i for i in order if i in wanted) if known else tuple(order)
    return Application(ids, " or ".join(services.names[i].title for i in ids), known)


def with_service(text: str, app: Application) -> str:
    return text.replace(PLACEHOLDER, app.words)
