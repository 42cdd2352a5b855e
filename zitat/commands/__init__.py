"""Sub-commands of the `zitat` CLI; each module has `register(subparsers)` and sets `func`."""
from zitat.commands import extract, models

COMMANDS = [extract, models]
