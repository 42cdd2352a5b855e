"""Quote extraction from German news: who said what, direct and indirect, with speakers resolved."""

from extractor.types import Quote, Span

__all__ = ["Quote", "Span", "extract"]


def extract(text: str) -> list[Quote]:
    """Every quote in `text` (see extractor.api)."""
    from extractor.api import extract as _extract

    return _extract(text)
