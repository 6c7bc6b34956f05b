"""Errors the command line reports as one line and exit status 2."""


class UsageError(Exception):
    pass
