"""Sub-commands of the `zitat` CLI; each module has `register(subparsers)` and sets `func`."""
from zitat.commands import evaluate, extract, models, serve, stance
from zitat.commands import run, speaker, speakers, submit, timeline, worker  # queue and store (worker/)
from zitat.commands import web  # the web pages and JSON API (zitat/web/)

COMMANDS = [extract, evaluate, models, serve, submit, worker, run, speaker, speakers, timeline, stance, web]
