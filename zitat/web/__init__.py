"""`zitat web`: the newsroom's web pages and JSON API over worker.service.QuoteService."""

from __future__ import annotations

from zitat.web.app import create_app
from zitat.web.settings import WebSettings

__all__ = ["create_app", "WebSettings"]
