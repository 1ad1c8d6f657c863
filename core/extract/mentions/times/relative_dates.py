"""Handlers for times relative to the publication date: "اليوم/أمس", last night, weekdays,
named periods ("الأسبوع الماضي"), counted spans ("قبل يومين"، "خلال الأيام الماضية"), offsets
from another event ("بعد يومين من ...") and parts of the published day."""

from __future__ import annotations

import re
from datetime import date, timedelta

from core.extract.mentions.numbers import parse_number
from core.extract.mentions.times.lexicon import _future_before, _key, _Lex, _wd
from core.extract.mentions.times.values import (
    _add_months,
    _day,
    _last_weekday,
    _month_value,
    _next_weekday,
    _span,
    _Value,
)

UNIT_DAYS = {"hour": 0, "day": 1, "week": 7, "month": 30, "year": 365}


def _relative_day(m: re.Match, pub: date | None, lex: _Lex, norm: str) -> _Value | None:
    rel = _key(m.group("rel"))
    offset = lex.relative.get(rel)
    if offset is None:
        return None
    after = norm[m.end():m.end() + 20]
    before = norm[max(0, m.start() - 12):m.start()]
    if rel == "اليوم" and _not_today(after, before, m):
        return None
    flags: list[str] = []
    dp = _key(m.group("dp") or "")
    if offset > 0:
        flags.append("future")
    if pub is None:
        return _Value(None, None, None, "day", tuple(flags), True)
    d = pub + timedelta(days=offset)
    wd = _wd(lex, m.group("wd"))
    if wd is not None:
        explicit = _last_weekday(pub, wd) if offset <= 0 else _next_weekday(pub - timedelta(days=1), wd)
        if explicit != d:
            flags.append("weekday_conflict")
            d = explicit
    end = d
    if dp in lex.overnight and offset < 0:
        flags.append("overnight")
        end = d + timedelta(days=1)
    if m.group("since"):
        if "overnight" in flags:  # "منذ ليلة أمس": still going on the published day
            return _Value(d, pub, pub, "day", (*flags, "since"))
        return _span(d, pub, *flags, "since", pub=pub)
    return _Value(d, end, d, "day", tuple(flags), day_offset=None if wd is not None else offset)


_ORDINAL_AFTER = re.compile(r"^\s*(?:ال(?:ثاني|ثالث|رابع|خامس|سادس|سابع|ثامن|تاسع|عاشر|اول|اخير|تالي|سابق|لاحق|عالمي|"
                            r"وطني|دولي)|نفسه|ذاته|عينه|بالذات)")


def _not_today(after: str, before: str, m: re.Match) -> bool:
    """"اليوم" that is not the published day: "اليوم الثاني", "في اليوم نفسه"/"في نفس اليوم" (the day just told),
    "روسيا اليوم"."""
    if m.group("wd"):
        return False
    if _ORDINAL_AFTER.match(after):
        return True
    return bool(re.search(r"(?:روسيا|سوريا|مصر|العربي|فلسطين|(?<![^\W\d_])(?:[وفب]?نفس|[وفب]?ذات))\W*$", before))


def _last_night(m: re.Match, pub: date | None, lex: _Lex, norm: str) -> _Value | None:
    if pub is None:
        return _Value(None, None, None, "day", ("overnight",), True)
    d = pub - timedelta(days=1)
    return _Value(d, pub, d, "day", ("overnight",))


def _weekday(m: re.Match, pub: date | None, lex: _Lex, norm: str) -> _Value | None:
    form = _key(m.group("wd"))
    wd = lex.weekday.get(form)
    if wd is None:
        return None
    marker = _key(m.group("marker") or "")
    parens = bool(m.group("lp") and m.group("rp"))
    context = m.group("yawm") or m.group("dp") or marker or m.group("since") or parens
    if form in lex.ambiguous_weekdays and not context:
        before = norm[max(0, m.start() - 3):m.start()]
        after = norm[m.end():m.end() + 3]
        between_commas = re.search(r"[،,(]\s*$", before) and re.match(r"^\s*[،,).]", after)
        if not between_commas and not _bare_weekday(form, m, norm, lex):
            return None
        if form in ("الاثنين", "الاتنين") and re.search(r"(?:بين|كلا|هذين)\s+$", norm[max(0, m.start() - 8):m.start()]):
            return None
    flags: list[str] = []
    if pub is None:
        return _Value(None, None, None, "day", ("since",) if m.group("since") else ("future",) if marker in lex.future
                      else (), True)
    if marker in lex.future:
        d = _next_weekday(pub, wd)
        flags.append("future")
    elif not marker and not m.group("since") and _future_before(norm, m.start(), lex):
        d = _next_weekday(pub - timedelta(days=1), wd)  # "سيستقبل ... يوم الخميس": the coming one
        flags.append("future")
    else:
        d = _last_weekday(pub, wd, strictly_before=marker in lex.past)
    if m.group("since"):
        return _span(d, pub, "since", pub=pub)
    dp = _key(m.group("dp") or "")
    end = d + timedelta(days=1) if dp in lex.overnight else d
    if dp in lex.overnight:
        flags.append("overnight")
    return _Value(d, end, d, "day", tuple(flags))


def _night_pair(m: re.Match, pub: date | None, lex: _Lex, norm: str) -> _Value | None:
    """"ليل الأحد/الاثنين"، "ليلة السبت على الأحد": the night between two consecutive days is dated the
    later one (the events of such a night are reported from its small hours; the gold convention)."""
    first, second = lex.weekday.get(_key(m.group("wd"))), lex.weekday.get(_key(m.group("wd2")))
    if first is None or second is None or second != (first + 1) % 7:
        return None
    if pub is None:
        return _Value(None, None, None, "day", ("overnight",), True)
    marker = _key(m.group("marker") or "")
    d = _last_weekday(pub, second, strictly_before=marker in lex.past)
    return _Value(d - timedelta(days=1), d, d, "day", ("overnight",))


def _day_of_month(m: re.Match, pub: date | None, lex: _Lex, norm: str) -> _Value | None:
    """"في 9 من الشهر الجاري"، "يوم 9 الجاري"، "التاسع من الشهر الماضي": a day of the published month (or the one
    before it) named without the month; a day still to come is flagged future."""
    day = int(m.group("day")) if m.group("day") else lex.ordinal_day.get(_key(m.group("ord") or ""), 0)
    if not 1 <= day <= 31:
        return None
    if pub is None:
        return _Value(None, None, None, "day", (), True)
    past = _key(m.group("marker") or "") in lex.past
    first = _add_months(date(pub.year, pub.month, 1), -1 if past else 0)
    try:
        d = date(first.year, first.month, day)
    except ValueError:
        return None
    return _day(d, *(("future",) if d > pub else ()))


def _bare_weekday(form: str, m: re.Match, norm: str, lex: _Lex) -> bool:
    """An ambiguous weekday name written without a time word ("قال المرصد الأحد إن"): the weekday unless a word
    around it gives its other sense (``bare_weekdays`` in time_words.yaml)."""
    rule = lex.bare_weekdays.get(form)
    if rule is None:
        return False
    not_after, not_before, only_before = rule
    before = norm[max(0, m.start() - 12):m.start()].split()
    after = norm[m.end():m.end() + 12].split()
    prev = before[-1] if before else ""
    nxt = after[0].strip("،,.") if after else ""
    if prev in not_after or prev[1:] in not_after or nxt in not_before:
        return False
    if only_before is not None:
        return nxt in only_before or bool(after) and after[0][:1] in "،,." or nxt[1:] in only_before and nxt[:1] == "و"
    return True


def _period(m: re.Match, pub: date | None, lex: _Lex, norm: str) -> _Value | None:
    unit = lex.period.get(_key(m.group("period")))
    marker = _key(m.group("marker") or "")
    this = bool(m.group("this"))
    part = lex.month_part.get(_key(m.group("part") or ""), "")
    # "مطلع الشهر"، "منتصف الشهر": a part of the month, no marker, is of the current month (when it has begun)
    bare_part = unit == "month" and bool(part) and not (marker or this)
    if unit is None or not (marker or this or bare_part):
        return None
    if bare_part and pub is not None and _month_value(pub.year, pub.month, pub, part=part).start > pub:
        return None  # "أواخر الشهر" told on the 5th: not a recall of this month
    when = "past" if marker in lex.past else "future" if marker in lex.future else "current"
    flags: list[str] = ["future"] if when == "future" else []
    if unit == "year":
        flags.append("year_only")
    if pub is None:
        return _Value(None, None, None, "week" if unit == "week" else "month" if unit == "month" else "range",
                      tuple(flags), True)
    if unit == "week":
        if when == "past":
            v = _span(pub - timedelta(days=7), pub - timedelta(days=1), *flags, best="middle", precision="week")
        elif when == "future":
            v = _span(pub + timedelta(days=1), pub + timedelta(days=7), *flags, best="middle", precision="week")
        else:
            v = _span(pub - timedelta(days=pub.weekday()), pub, *flags, best="end", precision="week")
    elif unit == "month":
        first = date(pub.year, pub.month, 1)
        target = _add_months(first, -1 if when == "past" else 1 if when == "future" else 0)
        v = _month_value(target.year, target.month, pub, *flags, part=part)
        if when == "current" and not part:
            v = _span(first, pub, *flags, best="middle", precision="month")
    else:
        year = pub.year - 1 if when == "past" else pub.year + 1 if when == "future" else pub.year
        v = _span(date(year, 1, 1), date(year, 12, 31), *flags, best="middle", precision="range", pub=pub)
    if m.group("since") and v.start is not None:
        return _span(v.start, pub, *v.flags, "since", pub=pub)
    return v


def _count(lex: _Lex, m: re.Match, unit_form: str) -> tuple[int, str, bool] | None:
    """(count, unit, vague) of "ثلاثة أيام"، "يومين"، "أيام"، "الـ24 ساعة"."""
    unit, number = lex.unit[_key(unit_form)]
    n_text = m.groupdict().get("n")
    if n_text:
        n = parse_number(n_text)
        if n is None:
            return None
        return n, unit, False
    if number == "dual":
        return 2, unit, False
    if number == "plural":
        return lex.vague_count, unit, True
    return 1, unit, False


def _back(pub: date, n: int, unit: str) -> date:
    if unit == "hour":
        return pub - timedelta(days=max(1, -(-n // 24)))
    if unit == "month":
        return _add_months(pub, -n)
    if unit == "year":
        return _add_months(pub, -12 * n)
    return pub - timedelta(days=n * UNIT_DAYS[unit])


def _recent_units(m: re.Match, pub: date | None, lex: _Lex, norm: str) -> _Value | None:
    c = _count(lex, m, m.group("unit"))
    if c is None:  # "الأيام القليلة الماضية": a vague span
        c = (lex.vague_count, lex.unit[_key(m.group("unit"))][0], True)
    n, unit, vague = c
    flags = ["vague"] if vague else []
    if pub is None:
        return _Value(None, None, None, "range", tuple(flags), True)
    if unit == "hour" and n <= 24:
        return _Value(pub - timedelta(days=1), pub, pub, "day", tuple(flags))
    if unit == "day" and not vague and n > 1:
        # "خلال اليومين الماضيين": n days ending at publication, the day told being one of them (not publication's)
        return _span(pub - timedelta(days=n - 1), pub, *flags, best="middle", pub=pub)
    return _span(_back(pub, n, unit), pub, *flags, best="end", pub=pub)


def _ago(m: re.Match, pub: date | None, lex: _Lex, norm: str) -> _Value | None:
    c = _count(lex, m, m.group("unit"))
    if c is None:
        return None
    n, unit, vague = c
    kw = _key(m.group("kw"))
    flags = ["vague"] if vague else []
    if m.group("approx"):
        flags.append("approximate")
    since = kw in ("منذ", "مذ")
    if since:
        flags.append("since")
    if pub is None:
        return _Value(None, None, None, "day" if unit == "day" else "range", tuple(flags), True)
    if unit == "hour" and n <= 24:
        return _Value(pub - timedelta(days=1), pub, pub, "day", tuple(flags))
    when = _back(pub, n, unit)
    if since:
        return _span(when, pub, *flags, best="start", pub=pub)
    if unit in ("day", "hour") and not vague and not m.group("approx"):
        return _day(when, *flags)
    if unit in ("day", "week", "hour"):
        half = 3 if unit != "week" else 3 + 7 * (n - 1) // 2
        return _Value(when - timedelta(days=half), min(pub, when + timedelta(days=half)), when, "week", tuple(flags))
    if unit == "month":
        return _Value(_add_months(when, -1), _add_months(when, 1), when, "month", tuple(flags))
    return _Value(date(when.year, 1, 1), date(when.year, 12, 31), when, "range", (*flags, "year_only"))


def _offset(m: re.Match, pub: date | None, lex: _Lex, norm: str) -> _Value | None:
    """"بعد يومين من إنشاء ...": dated against publication here; re-anchored to the sentence's own
    time in :func:`_reanchor_offsets`."""
    if re.match(r"\s*(?:الان|الحين|تاريخه)", norm[m.end():m.end() + 8]):
        return None  # "قبل ساعات من الآن" is plain "ago"
    c = _count(lex, m, m.group("unit"))
    if c is None:
        return None
    n, unit, vague = c
    after = _key(m.group("dir")) in lex.offset_after
    offset = ("after" if after else "before", n, unit, vague)
    if not after:
        nxt = norm[m.end():m.end() + 20].split()
        word = re.sub(r"^(?:و|ف)?(?:ال)?", "", nxt[0]) if nxt else ""
        if not word.startswith(lex.offset_event_nouns):
            return None  # "انسحبت قبل يومين من البلدة": plain "ago"
        return _Value(None, None, None, "day", ("event_relative",), True, offset)
    flags = ("event_offset", "vague") if vague else ("event_offset",)
    if pub is None:
        return _Value(None, None, None, "day", flags, True, offset)
    v = _offset_value(pub, n, unit, vague, flags)
    v.offset = offset
    return v


def _morrow(m: re.Match, pub: date | None, lex: _Lex, norm: str) -> _Value | None:
    """"غداة مقتل ...": one day after the event named next (re-anchored like "بعد يوم من")."""
    offset = ("after", 1, "day", False)
    if pub is None:
        return _Value(None, None, None, "day", ("event_offset",), True, offset)
    v = _offset_value(pub, 1, "day", False, ("event_offset",))
    v.offset = offset
    return v


def _offset_value(ref: date, n: int, unit: str, vague: bool, flags: tuple[str, ...]) -> _Value:
    if unit == "hour":
        return _Value(ref - timedelta(days=1), ref, ref, "day", flags)
    when = _back(ref, n, unit)
    if vague and unit == "day":
        return _Value(ref - timedelta(days=7), ref - timedelta(days=1), when, "week", flags)
    if unit == "day":
        return _Value(when, when, when, "day", flags)
    if unit == "week":
        return _Value(when - timedelta(days=3), when + timedelta(days=3), when, "week", flags)
    if unit == "month":
        return _Value(_add_months(when, -1), _add_months(when, 1), when, "month", flags)
    return _Value(date(when.year, 1, 1), date(when.year, 12, 31), when, "range", (*flags, "year_only"))


def _today_part(m: re.Match, pub: date | None, lex: _Lex, norm: str) -> _Value | None:
    """"منذ منتصف الليل"، "منذ ساعات الصباح": the published day."""
    flags = ("since",) if _key(m.group("kw")) != "بعد" else ()
    return _Value(pub, pub, pub, "day", flags)
