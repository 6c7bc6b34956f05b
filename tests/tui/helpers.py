"""Build the app for tests: frozen clock, the isolated config folder, no timers."""

from __future__ import annotations

from datetime import datetime

from imgtui.app import ImgtuiApp
from imgtui.catalog import default_catalog
from imgtui.cli import Session
from imgtui.clock import Clock, frozen_clock
from imgtui.store import ProgressStore, default_path

from ..conftest import NOW


def make_app(progress: str | None = None, now: datetime = NOW, clock: Clock | None = None,
             live: bool = False, **options) -> ImgtuiApp:
    path = default_path()
    if progress is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(progress, encoding="utf-8")
    catalog = default_catalog()
    clock = clock or frozen_clock(now)
    store = ProgressStore(path, tuple(catalog.rule_sets), lambda: clock().date())
    session = Session(catalog, clock, store, options.get("mode"), options.get("rules"), options.get("match_year"))
    return ImgtuiApp(session, live=live)
