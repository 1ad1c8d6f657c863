"""Paths of test fixtures (hand-written data)."""

from pathlib import Path

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SAMPLE_TABLE = FIXTURES / "events_sample.csv"
