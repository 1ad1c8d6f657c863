"""Loading ``core/lexicons/time_words.yaml`` into the :class:`_Lex` record: word tables, the
regular expressions of every pattern paired with its handler, the anchor words that open the
windows a pattern runs in, and the cue expressions (deadline, future)."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from typing import Any

import ahocorasick

from core.extract.mentions.times.calendar_dates import (
    _date_range,
    _explicit_date,
    _hijri,
    _month,
    _numeric_date,
    _year,
)
from core.extract.mentions.times.lexicon import _alts, _Lex, _n
from core.extract.mentions.times.relative_dates import (
    _ago,
    _day_of_month,
    _last_night,
    _morrow,
    _night_pair,
    _offset,
    _period,
    _recent_units,
    _relative_day,
    _today_part,
    _weekday,
)
from core.vocab import load_yaml

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


def _bare_weekdays(raw: dict) -> dict[str, tuple[frozenset[str], frozenset[str], frozenset[str] | None]]:
    out = {}
    for form, rules in raw["bare_weekdays"].items():
        words = {k: frozenset(_n(w) for w in rules.get(k) or ()) for k in ("not_after", "not_before", "only_before")}
        rule = (words["not_after"], words["not_before"], words["only_before"] if "only_before" in rules else None)
        out[_n(form)] = rule
        if _n(form) == _n("الاثنين"):
            out[_n("الإثنين")] = rule
    return out


def _automaton(words: dict[str, frozenset[str]]) -> Any:
    """Keys " " + word: matched at word starts in :func:`core.extract.lexmatch.padded_words` of the text."""
    automaton = ahocorasick.Automaton()
    for word, cats in words.items():
        if not word.isalnum():
            raise ValueError(f"time_words.yaml: an anchor word must be letters only: {word!r}")
        automaton.add_word(" " + word, (len(word), cats))
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
    night = _alts(raw["overnight_parts"])
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
    # (a slash or a dash may part the year, the month and the day: "22/ تشرين الأول/ 2023"، "5 - أيار - 2021")
    year_tail = r"(?:\s*[،,/\-–]?\s*(?:(?:من\s+)?(?:" + yw + r")\s+)?" + YEAR + R + r"(?:\s*م" + R + r")?)?"
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
        ("date", DL + since_opt + r"(?:(?P<wd>" + wd + r")" + R + r"\s*[،,]?\s*)?" + DAY
         + r"\s*(?:[/\-–]\s*)?(?:من\s+)?(?:شهر\s+)?"
         + mon_pair + date_tail, _explicit_date),
        ("ordinal_date", L + since_opt + r"(?:(?P<wd>" + wd + r")" + R + r"\s*[،,]?\s*)?(?P<ord>" + _alts(ordinal_day)
         + r")" + R + r"\s+(?:من\s+)?(?:شهر\s+)?" + mon_pair + date_tail, _explicit_date),
        ("day_of_month", DL + r"(?:يوم\s+)?(?:ال)?(?:" + DAY + r"|(?P<ord>" + _alts(ordinal_day) + r"))" + R
         + r"\s*(?:(?:من\s+)?(?:ال)?شهر\s+(?P<marker>" + cur + "|" + past + r")|(?P<cmarker>" + cur + r"))" + R,
         _day_of_month),
        ("numeric_date", r"(?<![\d/.\-])" + DAY + r"\s*(?P<sep>[/.\-])\s*(?P<m>[01]?\d)\s*(?P=sep)\s*" + YEAR
         + r"(?![\d/])", _numeric_date),
        # year first: "2020-02-28", a page's dateline "2018/03/21"
        ("iso_date", r"(?<![\d/.\-])" + YEAR + r"(?P<sep>[/.\-])(?P<m>[01]?\d)(?P=sep)" + DAY + r"(?![\d/])",
         _numeric_date),
        ("hijri", L + wd_before + r"(?:" + DAY + r"\s*(?:من\s+)?)?(?P<shahr>شهر\s+)?(?P<hmon>" + hmon + r")" + R
         + r"(?:\s*(?:من\s+)?(?:(?:عام|لعام|سنه)\s+)?(?P<hyear>1[34]\d\d)\s*(?P<h>ه)?" + R + r")?", _hijri),
        ("month", L + r"(?:(?P<since>" + since + r")\s+)?(?:(?P<part>" + part + r")\s+)?(?:(?P<shahr>شهر)\s+)?"
         + mon_pair + r"(?:\s*[،,]?\s*(?P<marker>" + past + "|" + fut + "|" + cur + r")" + R + r")?" + year_tail,
         _month),
        ("relative_day", L + r"(?:(?P<since>" + since + r")\s+)?(?:(?P<dp>" + dp + r")\s+)?(?:يوم\s+)?" + PRO
         + r"(?P<rel>" + rel + r")" + R + wd_paren, _relative_day),
        ("last_night", L + PRO + r"(?P<ln>" + _alts(raw["last_night"]) + r")" + R, _last_night),
        ("night_pair", L + r"(?P<dp>" + night + r")\s+(?:يوم\s+)?(?P<wd>" + wd + r")" + R
         + r"\s*(?:[/\-–]|،|\s(?:علي|الي|و))?\s*(?:يوم\s+)?(?P<wd2>" + wd + r")" + R
         + r"(?:\s*(?P<marker>" + past + r")" + R + r")?", _night_pair),
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
        ("morrow", L + r"(?P<kw>" + _alts(raw["morrow_words"]) + r")" + R, _morrow),
        ("today_part", L + r"(?P<kw>" + since + r"|بعد)\s+(?P<part>" + _alts(raw["today_parts"]) + r")" + R,
         _today_part),
        ("year", L + r"(?:(?P<since>" + since + r")\s+)?(?:(?P<prep>(?<=في\s)|(?<=خلال\s)|(?<=حتي\s))|)(?:(?P<yw>" + yw + r")\s+)?" + YEAR
         + R + r"(?:\s*(?P<m>م)" + R + r")?", _year),
    ]
    compiled = tuple((name, re.compile(p), fn) for name, p, fn in patterns)
    until = re.compile(r"^\s*[،,]?\s*(?:و)?(?:" + _alts(raw["until_words"]) + r")\s*(?:تاريخ\s+)?$")
    anchor_words: dict[str, set[str]] = {}
    for cat, forms in (("weekday", weekday), ("month", month), ("hijri", hijri), ("relative", relative),
                       ("month_marker", [_n(f) for f in raw["current_markers"]] + ["الشهر"]),
                       ("morrow", [_n(f) for f in raw["morrow_words"]]),
                       ("unit", unit), ("period", period), ("last_night", [_n(f) for f in raw["last_night"]]),
                       ("today_part", [_n(f) for f in raw["today_parts"]])):
        for f in forms:
            for variant in _with_clitics(f.split()[0]):
                anchor_words.setdefault(variant, set()).add(cat)
    pattern_anchors = {"date_range": "month", "date": "month", "ordinal_date": "month", "day_of_month": "month_marker", "numeric_date": "numdate", "iso_date": "numdate",
                       "hijri": "hijri", "month": "month", "relative_day": "relative", "last_night": "last_night", "night_pair": "weekday",
                       "weekday": "weekday", "period": "period", "recent_units": "unit", "recent_units_n": "unit",
                       "ago": "unit", "morrow": "morrow", "year": "year", "offset": "unit", "today_part": "today_part"}

    def first_words(forms) -> tuple[str, ...]:
        return tuple(sorted({_n(f).split()[0] for f in forms if str(f).strip()}))

    recent_words = first_words(raw["recent_markers"] + ["الماضيين", "الاخيرين", "السابقين"])
    # a night pair holds a night word; a day of the month "الشهر" or a current marker ("9 الجاري")
    literals = {"night_pair": first_words(raw["overnight_parts"]),
                "day_of_month": first_words(["شهر", *raw["current_markers"]]),
                "recent_units": recent_words, "recent_units_n": recent_words,
                "ago": first_words(raw["since_words"] + raw["ago_words"]),
                "offset": first_words(raw["offset_after_words"] + raw["offset_before_words"])}
    return _Lex(
        pattern_literals=tuple(literals.get(name, ()) for name, _p, _f in patterns),
        anchor_automaton=_automaton({k: frozenset(v) for k, v in anchor_words.items()}),
        pattern_anchors=tuple(pattern_anchors[name] for name, _p, _f in patterns), weekday=weekday,
        ordinal_day=ordinal_day, ambiguous_weekdays=frozenset(_n(f) for f in raw["ambiguous_weekdays"]),
        bare_weekdays=_bare_weekdays(raw), month=month,
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
