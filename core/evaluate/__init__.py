"""Scoring event tables against gold files: ``scoring`` (the README's matching rules and figures),
``explain`` (why each error is one), ``sets`` (every evaluation set side by side), ``cli``."""

from core.evaluate.scoring import evaluate, format_report, types_compatible

__all__ = ["evaluate", "format_report", "types_compatible"]
