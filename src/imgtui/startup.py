"""Start-up builds tens of thousands of objects that all stay alive (Textual, the catalog, the
widgets); the cyclic garbage collector would scan them again and again for nothing (~28 ms
of the first frame). So `imgtui` pauses it (launch.py), and the app resumes it once the first
frame is on screen, after moving those objects out of its way (gc.freeze). Short commands
such as `imgtui status` finish before it would matter."""

import gc


def pause_garbage_collection() -> None:
    gc.disable()


def resume_garbage_collection() -> None:
    """After the first frame: what start-up built stays, so the collector need not scan it.
    Nothing to do when the collector was never paused (the app run from tests)."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()
