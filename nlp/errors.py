"""The one error type a user sees for input that cannot be read."""

from __future__ import annotations


class InputError(Exception):
    """An input file that cannot be read or is not supported.

    The CLI prints ``str(error)`` as its single stderr line and exits with code 3,
    so the message always names the file and the reason, never a traceback.
    """

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason
