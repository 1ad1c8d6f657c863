"""Time expressions in Arabic news, resolved against the publication date.

``find_times(text, published)`` returns :class:`TimeMention` records with spans in the
original text. Matching runs on normalized text (core.text); vocabulary lives in
``core/lexicons/time_words.yaml``. Rules (taxonomy.md):

- "اليوم" = published day; "أمس" = the day before; "أول أمس" = two days before; day parts
  (صباح، مساء، فجر ...) keep the day; "ليلة أمس" / "الليلة الماضية" = yesterday, running into
  the published day (flag ``overnight``).
- A weekday with "اليوم/أمس/أول أمس" ("أمس الثلاثاء", "أمس (السبت)"): the explicit weekday wins
  = the most recent such day not after publication; when it disagrees with the relative
  word the flag ``weekday_conflict`` is set. A bare weekday ("يوم الثلاثاء", "الثلاثاء") = the
  most recent such day not after publication; "الاثنين الماضي" = the one strictly before;
  "الاثنين المقبل" = the next one (flag ``future``). Weekday names that are also words
  (الأحد، السبت، الجمعة، الاثنين) need a time context: يوم/صباح.../الماضي/parentheses/commas.
- Explicit dates: "17 سبتمبر 2018", "28 من كانون الثاني", "الثاني من شباط", "نوفمبر/ تشرين
  الثاني", "4/5/2019", "من 4 إلى 7 شباط" (a range), Hijri ("15 رجب 1441 هـ", via hijridate;
  رجب/رمضان/صفر alone are names or words, not months). A missing year = the most recent one not after
  publication (flag ``year_inferred``); "في ديسمبر الماضي" = the most recent December
  strictly before the published month. Month precision: date_start..date_end is the month,
  ``date`` its 15th (not after publication).
- "منذ" + a day/date/month ("منذ يوم الجمعة الماضي", "منذ بداية نوفمبر") = a range from it to the
  published day (flag ``since``); "منذ X ... وحتى Y" joins into one range. A range's best
  single day is its start when it spans up to a week (the onset: "شدد حملته منذ الجمعة"),
  its end when longer (a running count: "نزوح 216 ألفا منذ بداية نوفمبر وحتى أمس").
- Counted spans: "قبل يومين" = two days before (day), "منذ ثلاثة أيام" = a range from three
  days before, "خلال الساعات الـ24 الماضية" = yesterday..published (day), "في الأيام الماضية"
  = a range (vague plurals count as 3 units, flag ``vague``), "الأسبوع الماضي" = the 7 days
  before publication (week), "الشهر الماضي" = the previous month (month).
- Years alone ("عام 2012", "العام الماضي") are ranges flagged ``year_only``: background, not
  the date of an event; :func:`best_time` skips them when anything better exists.
- Precision: day | week (a span of up to 7 days) | month | range.
- ``published`` None: relative expressions are found but unresolved (dates None, flag
  ``no_published_date``); fully explicit dates (day, month and year) are still resolved.
- "الجاري/الحالي" after a day and month ("15 آذار الجاري") = the published month and year. A
  weekday + day + month without year ("الخميس 6 من شباط") takes the year in which that day is
  that weekday (latest not after publication; without a publication date, nearest to the corpus
  period ``reference_years``; flag ``year_from_weekday``).
- The future: anything starting after publication is flagged ``future`` (المقبل، غدا، "15 آذار
  الجاري" written on 6 March); a bare weekday after a future cue in its clause ("سيستقبل ... يوم
  الخميس"، "من المقرر") is the coming one; a period still running at publication after a deadline
  cue ("مع نهاية الشهر الجاري"، "بحلول ...") is flagged ``deadline`` + ``future`` and dated at its end.
  Future-flagged times never date a reported event.
- "منذ منتصف الليل"، "منذ ساعات الصباح" = the published day (since); "منذ ليلة أمس" = yesterday's
  night running into the published day, dated the published day.
- "بعد يومين من إنشاء ..." (flag ``event_offset``) dates the event named after "من": the
  sentence's own day-precise time (else publication) minus the span; "بعد أيام من" is a vague
  week. "قبل ساعات من دخول الاتفاق ..." (flag ``event_relative``) is left unresolved: it dates
  the main event against one whose date is unknown.
- :func:`dateline` gives the date a document opens with (Gregorian or Hijri, on one of the first
  lines; that mention is flagged ``dateline``), to be used as the reference date when the
  manifest has none.
"""

from __future__ import annotations

import bisect
import calendar
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import cache
from typing import Any

import ahocorasick

from core.extract.mentions.numbers import parse_number
from core.extract.segment import normalized
from core.model import TimeMention
from core.text import normalize
from core.vocab import load_yaml

PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "range": 3, "unknown": 4}
UNIT_DAYS = {"hour": 0, "day": 1, "week": 7, "month": 30, "year": 365}


# --- lexicon -----------------------------------------------------------------------------------


def _n(form: str) -> str:
    return " ".join(normalize(str(form)).split())


def _alts(forms) -> str:
    """Regex alternation of normalized forms, longest first; spaces match any whitespace."""
    uniq = sorted({_n(f) for f in forms if str(f).strip()}, key=len, reverse=True)
    return "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in uniq)


def _key(s: str) -> str:
    return " ".join(s.split())


@dataclass(frozen=True)
class _Lex:
    weekday: dict[str, int]
    ordinal_day: dict[str, int]  # "الثاني" -> 2, "الحادي والعشرين" -> 21
    ambiguous_weekdays: frozenset[str]
    month: dict[str, int]
    ambiguous_months: frozenset[str]
    hijri: dict[str, int]
    relative: dict[str, int]
    overnight: frozenset[str]
    unit: dict[str, tuple[str, str]]  # form -> (unit, number: singular|plural|dual)
    period: dict[str, str]  # الاسبوع -> week
    month_part: dict[str, str]
    past: frozenset[str]
    future: frozenset[str]
    current: frozenset[str]
    vague_count: int
    patterns: tuple[tuple[str, re.Pattern, Callable], ...]
    until_re: re.Pattern
    anchor_automaton: Any  # ahocorasick.Automaton: anchor word (with clitics) -> (length, categories)
    pattern_anchors: tuple[str, ...]  # per pattern: the anchor category it needs
    offset_after: frozenset[str]  # بعد، عقب: the complement event is earlier than the reference
    offset_event_nouns: tuple[str, ...]  # what may follow "قبل يومين من"
    deadline_re: re.Pattern  # a deadline cue ending just before a time ("مع نهاية الشهر الجاري")
    future_cue_re: re.Pattern  # a future cue word ("سوف"، "سيستقبل")
    future_exceptions: tuple[str, ...]
    reference_years: tuple[int, int]
    # per pattern: words one of which every match contains (empty: no such list); a window without any of them
    # is not scanned
    pattern_literals: tuple[tuple[str, ...], ...] = ()


# left word boundary; a proclitic و/ف is matched in group "pc" and left out of the surface
L = r"(?<![^\W_])(?P<pc>[وف](?=[^\W\d_]{2}))?"
R = r"(?![^\W_])"  # right word boundary
DL = r"(?<![^\W_])(?P<pc>[وفب](?=[^\W_]))?"  # left boundary of a day number ("و17 سبتمبر")
PRO = r"(?:ب|ل(?=ا))?"  # "بالأمس", "للأمس" (a و/ف before them stays outside: see L)
DAY = r"(?P<day>[0-3]?\d)"
YEAR = r"(?P<year>(?:19|20)\d\d)"


def _ordinal_days(raw: dict) -> dict[str, int]:
    units = {_n(f): int(v) for v, forms in raw["ordinal_day_units"].items() for f in forms}
    tens = {_n(f): int(v) for v, forms in raw["ordinal_day_tens"].items() for f in forms}
    out = {form: value for form, value in units.items() if value != 1 or form != "الحادي"}
    for form, value in tens.items():
        out[form] = value
    for uform, unit in units.items():
        uform_bare = uform[2:] if uform.startswith("ال") else uform
        for teen in (f"{uform} عشر", f"{uform_bare} عشر"):
            if unit != 1 or "حادي" in uform:
                out[teen] = 10 + unit
        for tform, ten in tens.items():
            if ten in (20, 30) and (ten + unit <= 31):
                out[f"{uform} و{tform}"] = ten + unit
    return out


def _automaton(words: dict[str, frozenset[str]]) -> Any:
    automaton = ahocorasick.Automaton()
    for word, cats in words.items():
        automaton.add_word(word, (len(word), cats))
    automaton.make_automaton()
    return automaton


def _with_clitics(word: str) -> set[str]:
    """``word`` as it can be written with proclitics and the article (أمس → وأمس، بالأمس، للأمس)."""
    bases = {word}
    if word.startswith("ال"):
        bases.add("ل" + word[1:])  # ل + ال → لل (the clitic ل is added below)
    else:
        bases.add("ال" + word)
    out = set(bases)
    for c in ("و", "ف", "ب", "ل", "وب", "ول", "فب", "فل"):
        out.update(c + b for b in bases)
    return out


@cache
def _lex() -> _Lex:
    raw = load_yaml("time_words.yaml")
    weekday = {_n(f): int(d) for d, forms in raw["weekdays"].items() for f in forms}
    month = {_n(f): int(m) for m, forms in raw["months"].items() for f in forms}
    hijri = {_n(f): int(m) for m, forms in raw["hijri_months"].items() for f in forms}
    relative = {_n(f): int(d) for d, forms in raw["relative_days"].items() for f in forms}
    unit: dict[str, tuple[str, str]] = {}
    for u, spec in raw["units"].items():
        for number in ("singular", "plural", "dual"):
            for f in spec[number]:
                unit[_n(f)] = (u, number)
    period = {_n(f): u for u, forms in raw["named_periods"].items() for f in forms}
    month_part = {_n(f): part for part, forms in raw["month_parts"].items() for f in forms}
    ordinal_day = _ordinal_days(raw)
    wd = _alts(weekday)
    mon = _alts(month)
    hmon = _alts(hijri)
    rel = _alts(relative)
    dp = _alts(raw["day_parts"])
    past = _alts(raw["past_markers"])
    fut = _alts(raw["future_markers"])
    cur = _alts(raw["current_markers"])
    since = _alts(raw["since_words"])
    ago = _alts(raw["ago_words"])
    part = _alts(raw["month_parts"]["start"] + raw["month_parts"]["middle"] + raw["month_parts"]["end"])
    units_all = _alts(unit)
    units_pl = _alts([f for f, (_u, num) in unit.items() if num != "singular"])
    units_sg = _alts([f for f, (_u, num) in unit.items() if num == "singular"])
    recent = _alts(raw["recent_markers"] + ["الماضيين", "الاخيرين", "السابقين"])
    periods = _alts(period)
    this = _alts(raw["this_words"])
    yw = _alts(raw["year_words"])
    count = r"(?P<n>\d{1,3}|[^\W\d_]+(?:\s+و?[^\W\d_]+)?)"
    approx = r"(?:(?P<approx>نحو|قرابه|حوالي|اكثر\s+من|ما\s+يزيد\s+عن|ما\s+يزيد\s+علي|اقل\s+من|زهاء|ما\s+يقارب)\s+)?"
    mon_pair = (r"\(?\s*(?P<mon>" + mon + r")" + R + r"\s*\)?(?:\s*[/\-]?\s*\(?\s*(?P<mon2>" + mon + r")" + R
                + r"\s*\)?)?")
    year_tail = r"(?:\s*[،,]?\s*(?:(?:من\s+)?(?:" + yw + r")\s+)?" + YEAR + R + r"(?:\s*م" + R + r")?)?"
    date_tail = r"(?:\s*[،,]?\s*(?P<marker>" + past + "|" + cur + r")" + R + r")?" + year_tail
    since_opt = r"(?:(?P<since>" + since + r")\s+)?"
    # a weekday that opens a date ("اليوم، السبت 8 من شباط") is left to the date
    wd_paren = (r"(?:\s*[(\-،,]?\s*(?:يوم\s+)?(?P<wd>" + wd + r")" + R + r"(?!\s*[،,]?\s*[0-3]?\d\s*(?:من\s+)?(?:شهر\s+)?"
                + r"\(?\s*(?:" + mon + r"))\s*\)?)?")
    wd_before = r"(?:(?P<wd>" + wd + r")" + R + r"\s*[،,]?\s*)?"
    offset_words = _alts(raw["offset_after_words"] + raw["offset_before_words"])

    patterns: list[tuple[str, str, Callable]] = [
        ("date_range", DL + r"(?:(?:من|بين)\s+)?(?P<d1>[0-3]?\d)\s*(?:-|–|و|الي|حتي)\s*" + DAY + r"\s*(?:من\s+)?(?:شهر\s+)?"
         + mon_pair + year_tail, _date_range),
        ("date", DL + since_opt + r"(?:(?P<wd>" + wd + r")" + R + r"\s*[،,]?\s*)?" + DAY + r"\s*(?:من\s+)?(?:شهر\s+)?"
         + mon_pair + date_tail, _explicit_date),
        ("ordinal_date", L + since_opt + r"(?:(?P<wd>" + wd + r")" + R + r"\s*[،,]?\s*)?(?P<ord>" + _alts(ordinal_day)
         + r")" + R + r"\s+(?:من\s+)?(?:شهر\s+)?" + mon_pair + date_tail, _explicit_date),
        ("numeric_date", r"(?<![\d/.\-])" + DAY + r"\s*(?P<sep>[/.\-])\s*(?P<m>[01]?\d)\s*(?P=sep)\s*" + YEAR
         + r"(?![\d/])", _numeric_date),
        ("iso_date", r"(?<![\d/.\-])" + YEAR + r"-(?P<m>[01]?\d)-" + DAY + r"(?![\d/])", _numeric_date),
        ("hijri", L + wd_before + r"(?:" + DAY + r"\s*(?:من\s+)?)?(?P<shahr>شهر\s+)?(?P<hmon>" + hmon + r")" + R
         + r"(?:\s*(?:من\s+)?(?:(?:عام|لعام|سنه)\s+)?(?P<hyear>1[34]\d\d)\s*(?P<h>ه)?" + R + r")?", _hijri),
        ("month", L + r"(?:(?P<since>" + since + r")\s+)?(?:(?P<part>" + part + r")\s+)?(?:(?P<shahr>شهر)\s+)?"
         + mon_pair + r"(?:\s*[،,]?\s*(?P<marker>" + past + "|" + fut + "|" + cur + r")" + R + r")?" + year_tail,
         _month),
        ("relative_day", L + r"(?:(?P<since>" + since + r")\s+)?(?:(?P<dp>" + dp + r")\s+)?(?:يوم\s+)?" + PRO
         + r"(?P<rel>" + rel + r")" + R + wd_paren, _relative_day),
        ("last_night", L + PRO + r"(?P<ln>" + _alts(raw["last_night"]) + r")" + R, _last_night),
        ("weekday", L + r"(?:(?P<since>" + since + r")\s+)?(?:(?P<dp>" + dp + r")\s+)?(?:(?P<yawm>يوم|نهار)\s+)?"
         + r"(?P<lp>\()?\s*" + PRO + r"(?P<wd>" + wd + r")" + R + r"\s*(?P<rp>\))?(?:\s*(?P<marker>" + past + "|" + fut
         + r")" + R + r")?", _weekday),
        ("period", L + r"(?:(?P<since>" + since + r")\s+)?(?:(?P<part>" + part + r")\s+)?(?:(?P<this>" + this
         + r")\s+)?(?:خلال\s+|في\s+)?(?P<period>" + periods + r")" + R + r"(?:\s+(?P<marker>" + past + "|" + fut + "|"
         + cur + r")" + R + r")?", _period),
        ("recent_units", L + r"(?:(?P<kw>خلال|في|طيله|طوال|علي\s+مدي|علي\s+مدار|منذ)\s+)?(?:ال)?(?P<unit>" + units_pl
         + r")\s*(?:ال)?(?P<n>\d{1,3}|(?<=ال)[^\W\d_]+)?\s+(?P<recent>" + recent + r")" + R, _recent_units),
        ("recent_units_n", L + r"(?:(?P<kw>خلال|في|طيله|طوال|علي\s+مدي|علي\s+مدار)\s+)?(?:ال)?(?P<n>\d{1,3})\s+(?P<unit>"
         + units_sg + "|" + units_pl + r")\s+(?P<recent>" + recent + r")" + R, _recent_units),
        ("ago", L + r"(?P<kw>" + since + "|" + ago + r")\s+" + approx + r"(?:" + count + r"\s+)?(?P<unit>" + units_all
         + r")" + R, _ago),
        ("offset", L + r"(?P<dir>" + offset_words + r")\s+(?:مرور\s+)?" + approx + r"(?:" + count + r"\s+)?(?P<unit>"
         + units_all + r")" + R + r"\s+(?:من|علي)" + R, _offset),
        ("today_part", L + r"(?P<kw>" + since + r"|بعد)\s+(?P<part>" + _alts(raw["today_parts"]) + r")" + R,
         _today_part),
        ("year", L + r"(?:(?P<since>" + since + r")\s+)?(?:(?P<prep>(?<=في\s)|(?<=خلال\s)|(?<=حتي\s))|)(?:(?P<yw>" + yw + r")\s+)?" + YEAR
         + R + r"(?:\s*(?P<m>م)" + R + r")?", _year),
    ]
    compiled = tuple((name, re.compile(p), fn) for name, p, fn in patterns)
    until = re.compile(r"^\s*[،,]?\s*(?:و)?(?:" + _alts(raw["until_words"]) + r")\s*(?:تاريخ\s+)?$")
    anchor_words: dict[str, set[str]] = {}
    for cat, forms in (("weekday", weekday), ("month", month), ("hijri", hijri), ("relative", relative),
                       ("unit", unit), ("period", period), ("last_night", [_n(f) for f in raw["last_night"]]),
                       ("today_part", [_n(f) for f in raw["today_parts"]])):
        for f in forms:
            for variant in _with_clitics(f.split()[0]):
                anchor_words.setdefault(variant, set()).add(cat)
    pattern_anchors = {"date_range": "month", "date": "month", "ordinal_date": "month", "numeric_date": "numdate", "iso_date": "numdate",
                       "hijri": "hijri", "month": "month", "relative_day": "relative", "last_night": "last_night",
                       "weekday": "weekday", "period": "period", "recent_units": "unit", "recent_units_n": "unit",
                       "ago": "unit", "year": "year", "offset": "unit", "today_part": "today_part"}

    def first_words(forms) -> tuple[str, ...]:
        return tuple(sorted({_n(f).split()[0] for f in forms if str(f).strip()}))

    recent_words = first_words(raw["recent_markers"] + ["الماضيين", "الاخيرين", "السابقين"])
    literals = {"recent_units": recent_words, "recent_units_n": recent_words,
                "ago": first_words(raw["since_words"] + raw["ago_words"]),
                "offset": first_words(raw["offset_after_words"] + raw["offset_before_words"])}
    return _Lex(
        pattern_literals=tuple(literals.get(name, ()) for name, _p, _f in patterns),
        anchor_automaton=_automaton({k: frozenset(v) for k, v in anchor_words.items()}),
        pattern_anchors=tuple(pattern_anchors[name] for name, _p, _f in patterns), weekday=weekday,
        ordinal_day=ordinal_day, ambiguous_weekdays=frozenset(_n(f) for f in raw["ambiguous_weekdays"]), month=month,
        ambiguous_months=frozenset(_n(f) for f in raw["ambiguous_months"]), hijri=hijri, relative=relative,
        overnight=frozenset(_n(f) for f in raw["overnight_parts"]), unit=unit, period=period, month_part=month_part,
        past=frozenset(_n(f) for f in raw["past_markers"]), future=frozenset(_n(f) for f in raw["future_markers"]),
        current=frozenset(_n(f) for f in raw["current_markers"]), vague_count=int(raw["vague_plural_count"]),
        patterns=compiled, until_re=until,
        offset_after=frozenset(_n(f) for f in raw["offset_after_words"]),
        offset_event_nouns=tuple(sorted({_n(f) for f in raw["offset_event_nouns"]}, key=len, reverse=True)),
        deadline_re=re.compile(r"(?<![^\W_])[وف]?(?:" + _alts(raw["deadline_cues"]) + r")\s*$"),
        future_cue_re=re.compile(r"(?<![^\W_])[وف]?(?:(?P<cue>" + _alts(raw["future_cues"])
                                 + r")|(?P<verb>س[يتن][^\W\d_]{3,}))(?![^\W_])"),
        future_exceptions=tuple(sorted({_n(f) for f in raw["future_prefix_exceptions"]}, key=len, reverse=True)),
        reference_years=(int(raw["reference_years"][0]), int(raw["reference_years"][-1])),
    )


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


# --- handlers (one per pattern); each returns a _Value or None to reject the match -------------


def _wd(lex: _Lex, form: str | None) -> int | None:
    return lex.weekday.get(_key(form)) if form else None


def _month_num(lex: _Lex, m: re.Match) -> int | None:
    first = lex.month.get(_key(m.group("mon")))
    second = lex.month.get(_key(m.group("mon2"))) if m.group("mon2") else None
    if first is None:
        return None
    if second is not None and second != first:
        return None  # "أيار/مايو" must agree
    return first


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
    return _Value(d, end, d, "day", tuple(flags))


_ORDINAL_AFTER = re.compile(r"^\s*(?:ال(?:ثاني|ثالث|رابع|خامس|سادس|سابع|ثامن|تاسع|عاشر|اول|اخير|تالي|سابق|لاحق|عالمي|"
                            r"وطني|دولي)|نفسه|ذاته|عينه|بالذات)")


def _not_today(after: str, before: str, m: re.Match) -> bool:
    """"اليوم" that is not the published day: "اليوم الثاني", "في اليوم نفسه", "روسيا اليوم"."""
    if m.group("wd"):
        return False
    if _ORDINAL_AFTER.match(after):
        return True
    return bool(re.search(r"(?:روسيا|سوريا|مصر|العربي|فلسطين)\W*$", before))


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
        if not between_commas:
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


def _future_before(norm: str, pos: int, lex: _Lex) -> bool:
    """A future cue ("سوف"، "من المقرر"، "سيستقبل") earlier in the same clause, within 60 characters."""
    text = norm[max(0, pos - 60):pos]
    cut = max(text.rfind(c) for c in ".؟!\n؛،,")
    return _has_future_cue(text[cut + 1:], lex)


def _has_future_cue(text: str, lex: _Lex) -> bool:
    for fm in lex.future_cue_re.finditer(text):
        if fm.group("cue"):
            return True
        verb = fm.group("verb")
        if not verb.endswith("ه") and not verb.startswith(lex.future_exceptions):
            return True
    return False


def has_future_cue(text: str) -> bool:
    """Whether ``text`` (a clause) speaks of the future: "سوف"، "من المقرر"، or a سيـ/ستـ/سنـ verb
    ("سيستقبل"، "ستعقد"); for the event assembler, which should not report such clauses as events."""
    if not text:
        return False
    return _has_future_cue(normalized(text).text, _lex())


def _period(m: re.Match, pub: date | None, lex: _Lex, norm: str) -> _Value | None:
    unit = lex.period.get(_key(m.group("period")))
    marker = _key(m.group("marker") or "")
    this = bool(m.group("this"))
    if unit is None or not (marker or this):
        return None
    part = lex.month_part.get(_key(m.group("part") or ""), "")
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


# --- driver ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Hit:
    start: int  # normalized offsets
    end: int
    order: int
    value: _Value


def _trim(norm: str, start: int, end: int) -> tuple[int, int]:
    """Drop leading/trailing spaces, commas and a stray parenthesis from a match."""
    while start < end and (norm[start].isspace() or norm[start] in "،,-"):
        start += 1
    while end > start and (norm[end - 1].isspace() or norm[end - 1] in "،,-/"):
        end -= 1
    if norm[start:end].count("(") < norm[start:end].count(")") and norm[end - 1] == ")":
        end -= 1
        while end > start and norm[end - 1].isspace():
            end -= 1
    if norm[start:end].count("(") > norm[start:end].count(")") and norm[start] == "(":
        start += 1
        while start < end and norm[start].isspace():
            start += 1
    return start, end


WINDOW_BEFORE, WINDOW_AFTER = 35, 60  # chars around an anchor word that a time expression can span
_DIGITS_RE = re.compile(r"\d+")
_YEAR_RE = re.compile(r"(?:19|20)\d\d")


def _windows(norm: str, lex: _Lex) -> dict[str, list[tuple[int, int]]]:
    """For each anchor category, the stretches of text around its anchor words (merged).
    A pattern only runs inside the windows of its category, which keeps the scan fast."""
    found: list[tuple[int, int, frozenset[str] | tuple[str, ...]]] = []
    n = len(norm)
    for end, (length, cats) in lex.anchor_automaton.iter(norm):
        start = end - length + 1
        if (start == 0 or not norm[start - 1].isalnum()) and (end + 1 == n or not norm[end + 1].isalnum()):
            found.append((start, end + 1, cats))
    for m in _DIGITS_RE.finditer(norm):
        cats = []
        if m.end() - m.start() == 4 and _YEAR_RE.fullmatch(m.group()):
            cats.append("year")
        if m.end() + 1 < n and norm[m.end()] in "/.-" and norm[m.end() + 1].isdigit():
            cats.append("numdate")
        if cats:
            found.append((m.start(), m.end(), tuple(cats)))
    found.sort(key=lambda f: f[0])
    spans: dict[str, list[tuple[int, int]]] = {}
    for start, end, cats in found:
        a, b = max(0, start - WINDOW_BEFORE), min(n, end + WINDOW_AFTER)
        for cat in cats:
            lst = spans.setdefault(cat, [])
            if lst and a <= lst[-1][1]:
                lst[-1] = (lst[-1][0], b)
            else:
                lst.append((a, b))
    out: dict[str, list[tuple[int, int]]] = {}
    for cat, lst in spans.items():
        widened = []
        for a, b in lst:  # never cut a word: widen to whitespace
            while a > 0 and not norm[a - 1].isspace():
                a -= 1
            while b < len(norm) and not norm[b].isspace():
                b += 1
            widened.append((a, b))
        out[cat] = widened
    return out


def _hits(norm: str, pub: date | None) -> list[_Hit]:
    lex = _lex()
    candidates: list[_Hit] = []
    seen: set[tuple[int, int, int]] = set()
    windows = _windows(norm, lex)
    for order, (_name, pattern, handler) in enumerate(lex.patterns):
        literals = lex.pattern_literals[order]
        for m in (m for a, b in windows.get(lex.pattern_anchors[order], ())
                  if not literals or any(norm.find(w, a, b) >= 0 for w in literals)
                  for m in pattern.finditer(norm, a, b)):
            if m.end() == m.start() or (m.start(), m.end(), order) in seen:
                continue
            seen.add((m.start(), m.end(), order))
            value = handler(m, pub, lex, norm)
            if value is None:
                continue
            s, e = _trim(norm, m.end("pc") if m.groupdict().get("pc") else m.start(), m.end())
            if s < e:
                candidates.append(_Hit(s, e, order, value))
    candidates.sort(key=lambda h: (-(h.end - h.start), h.order, h.start))
    taken: list[_Hit] = []  # longest first; no overlaps (kept in text order, so one neighbour decides)
    taken_starts: list[int] = []
    for h in candidates:
        i = bisect.bisect_left(taken_starts, h.end)
        if i == 0 or taken[i - 1].end <= h.start:
            taken.insert(i, h)
            taken_starts.insert(i, h.start)
    hits = _join_ranges(norm, taken, pub, lex)
    if pub is not None:
        _reanchor_offsets(norm, hits)
        _mark_deadlines(norm, hits, pub, lex)
    return hits


_SENTENCE_END = re.compile(r"[.؟?!\n]")
OFFSET_REFERENCE_FLAGS = frozenset({"future", "event_offset", "event_relative", "deadline", "year_only"})


def _reanchor_offsets(norm: str, hits: list[_Hit]) -> None:
    """"وذلك بعد يومين من إنشاء ...": the complement's date counts back from the sentence's own
    day-precise time (the nearest one before, else after), not from publication."""
    for h in hits:
        if h.value.offset is None or h.value.offset[0] != "after":
            continue
        before = [m.end() for m in _SENTENCE_END.finditer(norm, 0, h.start)]
        lo = before[-1] if before else 0
        nxt = _SENTENCE_END.search(norm, h.end)
        hi = nxt.start() if nxt else len(norm)
        refs = [o for o in hits if o is not h and lo <= o.start < hi and o.value.best is not None
                and o.value.precision == "day" and not OFFSET_REFERENCE_FLAGS & set(o.value.flags)]
        if not refs:
            continue
        ref = min(refs, key=lambda o: (o.start > h.start, abs(o.start - h.start)))
        _d, n, unit, vague = h.value.offset
        v = _offset_value(ref.value.best, n, unit, vague, h.value.flags)
        v.offset = h.value.offset
        h.value.start, h.value.end, h.value.best, h.value.precision = v.start, v.end, v.best, v.precision


def _mark_deadlines(norm: str, hits: list[_Hit], pub: date, lex: _Lex) -> None:
    """"مع نهاية الشهر الجاري"، "بحلول 15 آذار": a period still running at publication is a deadline."""
    for h in hits:
        v = h.value
        if v.end is None or v.end <= pub or "since" in v.flags:
            continue
        ends_a_period = any(lex.month_part.get(w) == "end" for w in norm[h.start:h.end].split())
        if (v.start is None or v.start <= pub) and not ends_a_period:
            continue  # "مع بداية الشهر الجاري" is no deadline
        if lex.deadline_re.search(norm, max(0, h.start - 25), h.start):
            v.best = v.end
            v.flags = tuple(dict.fromkeys((*v.flags, "deadline", "future")))


def _join_ranges(norm: str, hits: list[_Hit], pub: date | None, lex: _Lex) -> list[_Hit]:
    """"منذ بداية نوفمبر ... وحتى تاريخ أمس" → one range from the first to the second."""
    out: list[_Hit] = []
    i = 0
    while i < len(hits):
        h = hits[i]
        if i + 1 < len(hits):
            nxt = hits[i + 1]
            opener = "since" in h.value.flags or re.search(r"(?:^|\s)(?:من|منذ|بين)\s*$", norm[max(0, h.start - 6):h.start])
            if (opener and lex.until_re.match(norm[h.end:nxt.start]) and h.value.start and nxt.value.end
                    and h.value.start <= nxt.value.end):
                flags = tuple(f for f in (*h.value.flags, *nxt.value.flags) if f != "since")
                v = _span(h.value.start, nxt.value.end, *dict.fromkeys(flags), relative=True, pub=pub)
                out.append(_Hit(h.start, nxt.end, h.order, v))
                i += 2
                continue
        out.append(h)
        i += 1
    return out


def find_times(text: str, published: date | None) -> list[TimeMention]:
    """Time expressions in ``text`` resolved against ``published``; sorted by position."""
    if not text:
        return []
    nt = normalized(text)
    out: list[TimeMention] = []
    hits = _hits(nt.text, published)
    head = _dateline_hit(nt.text, hits)
    for h in hits:
        v = h.value
        flags = tuple(dict.fromkeys(v.flags))
        if published is None and v.relative:
            start = end = best = None
            flags = (*flags, "no_published_date")
        else:
            start, end, best = v.start, v.end, v.best
            if published is not None and start is not None and start > published and "future" not in flags:
                flags = (*flags, "future")
        if h is head:
            flags = (*flags, "dateline")
        flags = tuple(dict.fromkeys(flags))
        os_, oe = nt.span_to_original(h.start, h.end)
        out.append(TimeMention(surface=text[os_:oe], start=os_, end=oe, date=best, date_start=start, date_end=end,
                               precision=v.precision, flags=flags))
    return out


DATELINE_LINES = 4  # a dateline is one of the first non-empty lines
DATELINE_PREFIX = 30  # characters allowed before the date on its line ("إدلب، "، "الثلاثاء ")
_DATELINE_AFTER = re.compile(r"[^\S\n]*(?:\n|$|[-–—(:|/،,])")


def _dateline_hit(norm: str, hits: list[_Hit]) -> _Hit | None:
    """The hit that is the document's dateline: a fully explicit day (a year, or a weekday that
    pins it) near the start of one of the first lines, with nothing but a separator after it."""
    lines_seen, pos = 0, 0
    while pos < len(norm) and lines_seen < DATELINE_LINES:
        end = norm.find("\n", pos)
        end = len(norm) if end < 0 else end
        if norm[pos:end].strip():
            lines_seen += 1
            for h in hits:
                if h.start >= end:
                    break
                v = h.value
                if (h.start >= pos and v.precision == "day" and (not v.relative or "year_from_weekday" in v.flags)
                        and len(norm[pos:h.start].strip()) <= DATELINE_PREFIX and _DATELINE_AFTER.match(norm, h.end)
                        and not {"since", "event_offset", "event_relative"} & set(v.flags)):
                    return h
        pos = end + 1
    return None


def dateline(text: str) -> date | None:
    """The date a document gives itself at its very start ("الثلاثاء 10 جمادى الآخرة 1441 هـ"،
    "إدلب، 4 شباط 2020 -"), Gregorian or Hijri; None if there is none. Use it as the reference date
    (``find_times(text, dateline(text))``) when the manifest gives no publication date."""
    if not text:
        return None
    cut = 0
    for _ in range(DATELINE_LINES + 2):  # the first lines only (blank ones included)
        nl = text.find("\n", cut)
        if nl < 0:
            cut = len(text)
            break
        cut = nl + 1
    # the head's normalization is a prefix of the (cached) document's: normalization is per character
    nt = normalized(text)
    norm = nt.text[:bisect.bisect_left(nt.offsets, min(cut, 600))]
    head = _dateline_hit(norm, _hits(norm, None))
    if head is None or head.value.relative:  # as find_times(head_text, None): a relative date stays unresolved
        return None
    return head.value.best


_TODAY_RE = re.compile(r"^(?:[^\W\d_]+\s+)?(?:يوم\s+)?اليوم(?:\s*[،,(]?\s*[^\W\d_]+\)?)?$")
_APPOSITION_RE = re.compile(r"^[\s،,(\-–]*(?:الموافق\s*(?:ل)?\s*)?$")


def reference_date(text: str) -> date | None:
    """The date a document gives for its own day when the manifest has none: its :func:`dateline`,
    else an explicit date put right after "اليوم" ("صباح اليوم، السبت 8 من شباط"، "اليوم الخميس
    الموافق 6 شباط 2020")."""
    found = dateline(text)
    if found is not None or not text:
        return found
    norm = normalized(text).text
    hits = _hits(norm, None)
    for h1, h2 in zip(hits, hits[1:], strict=False):
        v = h2.value
        if (v.precision == "day" and v.best is not None and (not v.relative or "year_from_weekday" in v.flags)
                and _TODAY_RE.match(norm[h1.start:h1.end]) and _APPOSITION_RE.match(norm[h1.end:h2.start])):
            return v.best
    return None


# --- helpers for the event assembler -----------------------------------------------------------

BACKGROUND_FLAGS = frozenset({"year_only", "future"})


def time_rank(t: TimeMention) -> tuple:
    """Sort key: resolved before unresolved, event dates before background years, finer first."""
    return (t.date is None, bool(BACKGROUND_FLAGS & set(t.flags)), PRECISION_RANK.get(t.precision, 9))


def best_time(mentions: Sequence[TimeMention]) -> TimeMention | None:
    """The mention that best dates a clause/sentence: resolved, not a background year, finest
    precision, first in the text. None if there are no mentions or only background ones."""
    usable = [t for t in mentions if not (BACKGROUND_FLAGS & set(t.flags))]
    if not usable:
        return None
    return min(usable, key=lambda t: (*time_rank(t), t.start))


def resolve_inherited(times_by_sentence: Sequence[Sequence[TimeMention]],
                      paragraph_of_sentence: Sequence[int] | None = None) -> list[TimeMention | None]:
    """The time of each sentence: its own best time, else the last one earlier in the same
    paragraph, else the first one later in that paragraph, else None (the caller then falls back
    to the publication date, flagged). Without ``paragraph_of_sentence`` all sentences form one
    paragraph."""
    paras = list(paragraph_of_sentence) if paragraph_of_sentence is not None else [0] * len(times_by_sentence)
    own = [best_time(ts) for ts in times_by_sentence]
    out: list[TimeMention | None] = []
    for i, t in enumerate(own):
        if t is not None:
            out.append(t)
            continue
        found = None
        for j in range(i - 1, -1, -1):
            if paras[j] != paras[i]:
                break
            if own[j] is not None:
                found = own[j]
                break
        if found is None:
            for j in range(i + 1, len(own)):
                if paras[j] != paras[i]:
                    break
                if own[j] is not None:
                    found = own[j]
                    break
        out.append(found)
    return out


def mark_inherited(t: TimeMention) -> TimeMention:
    """A copy of ``t`` flagged ``inherited`` (for a sentence that had no time of its own)."""
    return t if "inherited" in t.flags else replace(t, flags=(*t.flags, "inherited"))
