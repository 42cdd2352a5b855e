"""Sub-commands of the `zitat` CLI; each module has `register(subparsers)` and sets `func`."""

from zitat.commands import (  # store (worker/)
    evaluate,
    export,
    extract,
    models,
    run,
    search,
    serve,
    speaker,
    speakers,
    stance,
    submit,
    timeline,
    web,  # the web pages and JSON API (zitat/web/)
    worker,  # the queue's workers
)

COMMANDS = [
    extract,
    evaluate,
    models,
    serve,
    submit,
    worker,
    run,
    speaker,
    speakers,
    search,
    timeline,
    export,
    stance,
    web,
]
