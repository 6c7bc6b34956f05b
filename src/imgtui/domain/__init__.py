"""Pure domain logic: no Textual, no Rich, no file I/O. Everything that depends on time takes `now`."""
