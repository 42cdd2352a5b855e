"""Sub-commands of the `zitat` CLI; each module has `register(subparsers)` and sets `func`."""
from zitat.commands import evaluate, extract, models, serve

COMMANDS = [extract, evaluate, models, serve]
