"""Handlers for written dates: day + month (Gregorian or Levantine, with or without year), day
ranges, numeric dates, Hijri dates, months and years. Each takes (match, publication date,
lexicon, normalized text) and returns a :class:`_Value` or None to reject the match."""

from __future__ import annotations

import re
from datetime import date, timedelta

from core.extract.mentions.times.lexicon import _future_before, _key, _Lex, _month_num, _wd
from core.extract.mentions.times.values import _day, _infer_year, _month_value, _safe_date, _span, _Value


def _explicit_date(m: re.Match, pub: date | None, lex: _Lex, norm: str) -> _Value | None:
    month = _month_num(lex, m)
    groups = m.groupdict()
    day = int(groups["day"]) if groups.get("day") else lex.ordinal_day.get(_key(groups.get("ord") or ""), 0)
    if month is None or not 1 <= day <= 31:
        return None
    flags: list[str] = []
    wd = _wd(lex, m.groupdict().get("wd"))
    marker = _key(m.groupdict().get("marker") or "")
    if m.group("year"):
        d = _safe_date(int(m.group("year")), month, day)
        relative = False
    elif wd is not None and (pub is None or _safe_date(_infer_year(month, day, pub), month, day) is None
                             or _safe_date(_infer_year(month, day, pub), month, day).weekday() != wd):
        # "الخميس 6 من شباط": the weekday pins the year
        year = _year_from_weekday(month, day, wd, pub, lex)
        if year is None:
            return None if pub is not None else _Value(None, None, None, "day", ("year_inferred",), True)
        d = _safe_date(year, month, day)
        flags.append("year_from_weekday")
        relative = pub is not None
    elif pub is None:
        return _Value(None, None, None, "day", ("year_inferred",), True)
    elif marker in lex.current:
        d = _safe_date(pub.year, month, day)  # "15 آذار الجاري": the published month and year
        relative = True
    else:
        d = _safe_date(_infer_year(month, day, pub), month, day)
        flags.append("year_inferred")
        relative = True
        ahead = _safe_date(pub.year, month, day)
        if (d is not None and ahead is not None and pub < ahead <= pub + timedelta(days=FORWARD_DAYS)
                and (lex.deadline_re.search(norm, max(0, m.start() - 25), m.start())
                     or _future_before(norm, m.start(), lex))):
            d = ahead  # "بحلول 25 شباط"، "سيعقد في 15 آذار": the coming one
    if d is None:
        return None
    if wd is not None and wd != d.weekday():
        flags.append("weekday_conflict")  # the written date wins over the weekday
    if m.group("since"):
        if pub is None:
            return _Value(None, None, None, "range", (*flags, "since"), True)
        return _span(d, max(d, pub), *flags, "since", pub=pub)
    return _day(d, *flags, relative=relative)


FORWARD_DAYS = 60  # how far after publication a year-less date may point when the context is future


def _year_from_weekday(month: int, day: int, weekday: int, pub: date | None, lex: _Lex) -> int | None:
    """The year in which ``day``/``month`` falls on ``weekday``: the latest one not after ``pub``
    (or within 60 days after it: an announced date), else nearest to the corpus period."""
    if pub is not None:
        for year in range(pub.year, pub.year - 15, -1):
            d = _safe_date(year, month, day)
            if d is not None and d.weekday() == weekday and d <= pub + timedelta(days=FORWARD_DAYS):
                return year
        return None
    lo, hi = lex.reference_years
    fits = [y for y in range(lo - 14, hi + 15) if (d := _safe_date(y, month, day)) and d.weekday() == weekday]
    return min(fits, key=lambda y: (max(lo - y, y - hi, 0), -y)) if fits else None


def _date_range(m: re.Match, pub: date | None, lex: _Lex, norm: str) -> _Value | None:
    month = _month_num(lex, m)
    d1, d2 = int(m.group("d1")), int(m.group("day"))
    if month is None or not (1 <= d1 < d2 <= 31):
        return None
    flags: list[str] = []
    if m.group("year"):
        year, relative = int(m.group("year")), False
    elif pub is None:
        return _Value(None, None, None, "range", ("year_inferred",), True)
    else:
        year, relative = _infer_year(month, d1, pub), True
        flags.append("year_inferred")
    start, end = _safe_date(year, month, d1), _safe_date(year, month, d2)
    if start is None or end is None:
        return None
    return _span(start, end, *flags, best="start", relative=relative)


def _numeric_date(m: re.Match, pub: date | None, lex: _Lex, norm: str) -> _Value | None:
    d = _safe_date(int(m.group("year")), int(m.group("m")), int(m.group("day")))
    return _day(d, relative=False) if d else None


def _hijri(m: re.Match, pub: date | None, lex: _Lex, norm: str) -> _Value | None:
    from hijridate import Gregorian, Hijri

    hmonth = lex.hijri.get(_key(m.group("hmon")))
    day = int(m.group("day")) if m.group("day") else None
    hyear = int(m.group("hyear")) if m.group("hyear") else None
    if hmonth is None or not (day or m.group("shahr") or (hyear and m.group("h"))):
        return None  # رجب، رمضان alone are names
    flags: list[str] = ["hijri"]
    relative = hyear is None
    if hyear is None:
        if pub is None:
            return _Value(None, None, None, "day" if day else "month", ("hijri", "year_inferred"), True)
        hyear = Gregorian(pub.year, pub.month, pub.day).to_hijri().year
        flags.append("year_inferred")
    try:
        if day:
            g = Hijri(hyear, hmonth, day).to_gregorian()
            if pub is not None and relative and g > pub:
                g = Hijri(hyear - 1, hmonth, day).to_gregorian()
            d = date(g.year, g.month, g.day)
            wd = _wd(lex, m.group("wd"))
            if wd is not None and wd != d.weekday():
                flags.append("weekday_conflict")
            return _day(d, *flags, relative=relative)
        first = Hijri(hyear, hmonth, 1)
        if pub is not None and relative and first.to_gregorian() > pub:
            hyear -= 1
            first = Hijri(hyear, hmonth, 1)
        g1 = first.to_gregorian()
        g2 = Hijri(hyear, hmonth, first.month_length()).to_gregorian()
    except (ValueError, OverflowError):
        return None
    v = _span(date(g1.year, g1.month, g1.day), date(g2.year, g2.month, g2.day), *flags, best="middle",
              relative=relative, precision="month", pub=pub)
    return v


_DAY_BEFORE = re.compile(r"(?<!\d)[0-3]?\d\s*(?:من\s+)?$")


def _month(m: re.Match, pub: date | None, lex: _Lex, norm: str) -> _Value | None:
    month = _month_num(lex, m)
    if month is None:
        return None
    mon_form = _key(m.group("mon"))
    marker = _key(m.group("marker") or "")
    strong = m.group("shahr") or m.group("year") or m.group("mon2") or marker or m.group("part") or m.group("since")
    if mon_form in lex.ambiguous_months and not (m.group("shahr") or m.group("year") or m.group("mon2") or marker):
        return None
    if not strong and len(mon_form) <= 3:
        return None
    if _DAY_BEFORE.search(norm, max(0, m.start() - 8), m.start()):
        return None  # the month of a date whose day went to a longer, overlapping expression
    part = lex.month_part.get(_key(m.group("part") or ""), "")
    flags: list[str] = []
    if m.group("year"):
        year, relative = int(m.group("year")), False
    elif pub is None:
        return _Value(None, None, None, "month", ("no_published_date",), True)
    elif marker in lex.future:
        year, relative = (pub.year if month > pub.month else pub.year + 1), True
        flags.append("future")
    else:
        year = _infer_year(month, 1, pub, strictly_before_month=marker in lex.past)
        relative = True
        if marker not in lex.past and marker not in lex.current:
            flags.append("year_inferred")
    v = _month_value(year, month, pub, *flags, part=part, relative=relative)
    if m.group("since"):
        if pub is None:
            return _Value(None, None, None, "range", ("since",), True)
        return _span(v.start, pub, *flags, "since", relative=True, pub=pub)
    return v


def _year(m: re.Match, pub: date | None, lex: _Lex, norm: str) -> _Value | None:
    if not (m.group("yw") or m.group("since") or m.group("m") or m.group("prep") is not None):
        return None  # a bare 4-digit number is not necessarily a year
    year = int(m.group("year"))
    flags = ["year_only"]
    start, end = date(year, 1, 1), date(year, 12, 31)
    if m.group("since"):
        if pub is None:
            return _Value(start, None, start, "range", (*flags, "since", "no_published_date"), False)
        return _span(start, pub, *flags, "since", best="start", precision="range", relative=False)
    return _span(start, end, *flags, best="middle", precision="range", relative=False, pub=pub)
