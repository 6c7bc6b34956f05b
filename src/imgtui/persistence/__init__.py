"""The person's files: the locked, atomic file, the progress and program stores, and the one
controller (load, change, save, undo, watch) that every screen and command uses. No UI."""
