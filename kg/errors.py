"""Errors a user sees as one clear message (the CLI prints them without a traceback)."""


class KGError(Exception):
    """Base class: the message names the file or setting at fault and what to do."""


class InputError(KGError):
    """An input file cannot be read as articles (encoding, empty, binary, malformed JSON)."""


class BackendError(KGError):
    """The graph server is unreachable, refuses the credentials, or failed a write."""
