"""Build the app for tests: frozen clock, the isolated config folder."""

from __future__ import annotations

from datetime import datetime

from imgtui.app import ImgtuiApp
from imgtui.clock import Clock, frozen_clock
from imgtui.persistence.paths import default_path
from imgtui.session import ViewOptions, open_session

from ..conftest import NOW


def make_app(progress: str | None = None, now: datetime = NOW, clock: Clock | None = None, **options) -> ImgtuiApp:
    path = default_path()
    if progress is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(progress, encoding="utf-8")
    session = open_session(
        ViewOptions(options.get("mode"), options.get("rules"), options.get("match_year"), options.get("timezone")),
        clock or frozen_clock(now),
    )
    return ImgtuiApp(session)


def shown_notifications(app: ImgtuiApp) -> list[str]:
    """The text of the notifications on screen now (the toasts), as the person sees them."""
    return [str(toast.render()) for toast in app.screen.query("Toast")]
