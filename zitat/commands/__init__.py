"""Sub-commands of the `zitat` CLI; each module has `register(subparsers)` and sets `func`."""
from zitat.commands import evaluate, extract, models, serve, stance
from zitat.commands import export, run, search, speaker, speakers, submit, timeline  # store (worker/)
from zitat.commands import worker  # the queue's workers
from zitat.commands import web  # the web pages and JSON API (zitat/web/)

COMMANDS = [extract, evaluate, models, serve, submit, worker, run, speaker, speakers, search, timeline, export, stance,
            web]
