"""The events of one test sentence (or short text), for the tests of extraction rules."""

from core.extract.events import extract_events
from core.extract.ingest import document_from_text


def events_of(text: str, published: str, doc_id: str = "mine"):
    """The events extracted from ``text`` published on ``published`` (ISO day)."""
    doc, _ = document_from_text(doc_id, text, published=published)
    return extract_events(doc)
