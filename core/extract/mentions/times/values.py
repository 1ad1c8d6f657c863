"""Date arithmetic and :class:`_Value`, the resolved dates of one match (start, end, best day,
precision, flags)."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

# --- date arithmetic ---------------------------------------------------------------------------


def _last_weekday(pub: date, weekday: int, *, strictly_before: bool = False) -> date:
    """The most recent ``weekday`` not after ``pub`` (strictly before with ``strictly_before``)."""
    back = (pub.weekday() - weekday) % 7
    if back == 0 and strictly_before:
        back = 7
    return pub - timedelta(days=back)


def _next_weekday(pub: date, weekday: int) -> date:
    ahead = (weekday - pub.weekday()) % 7 or 7
    return pub + timedelta(days=ahead)


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _add_months(d: date, months: int) -> date:
    y, m = divmod(d.month - 1 + months, 12)
    return date(d.year + y, m + 1, min(d.day, calendar.monthrange(d.year + y, m + 1)[1]))


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


# --- the resolved value of one match -----------------------------------------------------------


@dataclass
class _Value:
    start: date | None
    end: date | None
    best: date | None
    precision: str
    flags: tuple[str, ...] = ()
    relative: bool = True  # needs the publication date
    offset: tuple[str, int, str, bool] | None = None  # (after|before, count, unit, vague) of "بعد يومين من"
    day_offset: int | None = None  # days from the reference of a bare relative day ("أمس" = -1), else None


def _day(d: date | None, *flags: str, relative: bool = True) -> _Value:
    return _Value(d, d, d, "day", tuple(flags), relative)


def _span(start: date | None, end: date | None, *flags: str, best: str = "auto", relative: bool = True,
          precision: str | None = None, pub: date | None = None) -> _Value:
    if start is None or end is None:
        return _Value(None, None, None, precision or "range", tuple(flags), relative)
    if end < start:
        start, end = end, start
    days = (end - start).days
    if precision is None:
        precision = "day" if days == 0 else "week" if days <= 7 else "range"
    if best == "start":
        pick = start
    elif best == "end":
        pick = end
    elif best == "middle":
        pick = start + timedelta(days=days // 2)
    else:  # onset for short spans, latest day for long running counts
        pick = start if days <= 7 else end
    if pub is not None and pick > pub >= start:
        pick = pub
    return _Value(start, end, pick, precision, tuple(flags), relative)


def _month_value(year: int, month: int, pub: date | None, *flags: str, part: str = "", relative: bool = True) -> _Value:
    start, end = date(year, month, 1), _month_end(year, month)
    if part == "start":
        end = date(year, month, 10)
    elif part == "middle":
        start, end = date(year, month, 11), date(year, month, 20)
    elif part == "end":
        start = date(year, month, 21)
    best = start + timedelta(days=(end - start).days // 2) if not part else start
    if pub is not None and best > pub >= start:
        best = pub
    return _Value(start, end, best, "month" if not part else "range", tuple(flags), relative)


def _infer_year(month: int, day: int, pub: date, *, strictly_before_month: bool = False) -> int:
    """Year of a day/month without year: the most recent one not after publication."""
    if strictly_before_month:
        return pub.year if month < pub.month else pub.year - 1
    candidate = _safe_date(pub.year, month, min(day, calendar.monthrange(pub.year, month)[1]))
    return pub.year if candidate is not None and candidate <= pub else pub.year - 1
