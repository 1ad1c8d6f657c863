"""Time expressions in Arabic news, resolved against the publication date.

``find_times(text, published)`` returns :class:`TimeMention` records with spans in the
original text. Matching runs on normalized text (core.text); vocabulary lives in
``core/lexicons/time_words.yaml``. Rules (taxonomy.md):

- "اليوم" = published day; "أمس" = the day before; "أول أمس" = two days before; day parts
  (صباح، مساء، فجر ...) keep the day; "ليلة أمس" / "الليلة الماضية" = yesterday, running into
  the published day (flag ``overnight``). A night between two named days ("ليل الأحد/الاثنين"، "ليلة
  السبت على الأحد") is dated the later day (flag ``overnight``, date_start the earlier).
- "في 9 من الشهر الجاري"، "يوم 9 الجاري"، "التاسع من الشهر الماضي": a day of the published month (or of
  the month before), flagged ``future`` when it is still to come.
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
  sentence's own day-precise time (else the last one the text gave before it, else publication) minus the span; "بعد أيام من" is a vague
  week. "قبل ساعات من دخول الاتفاق ..." (flag ``event_relative``) is left unresolved: it dates
  the main event against one whose date is unknown.
- :func:`dateline` gives the date a document opens with (Gregorian or Hijri, on one of the first
  lines; that mention is flagged ``dateline``), to be used as the reference date when the
  manifest has none.

Modules, imports pointing one way (each only imports those listed before it):

- ``lexicon``: the vocabulary record :class:`_Lex`, form normalization, lookups in it (names, future cues).
- ``values``: date arithmetic and :class:`_Value`, the resolved dates of one match.
- ``calendar_dates`` / ``relative_dates``: one handler per pattern (written dates; times relative
  to publication), each turning a match into a ``_Value``.
- ``patterns``: ``_lex()`` loads ``time_words.yaml``, builds the regexes and pairs them with handlers.
- ``scan``: runs the patterns in windows around anchor words, keeps the longest matches, joins
  ranges, re-anchors offsets, marks deadlines.
- ``datelines``: :func:`dateline`, :func:`reference_date`.
- ``find``: :func:`find_times`, :func:`has_future_cue`.
- ``ranking``: :func:`best_time`, :func:`resolve_inherited`, :func:`mark_inherited` for the event assembler.
"""

from core.extract.mentions.times.datelines import dateline, reference_date
from core.extract.mentions.times.find import find_times, has_future_cue
from core.extract.mentions.times.ranking import (
    BACKGROUND_FLAGS,
    PRECISION_RANK,
    best_time,
    mark_inherited,
    resolve_inherited,
    time_rank,
)

__all__ = ["BACKGROUND_FLAGS", "PRECISION_RANK", "best_time", "dateline", "find_times", "has_future_cue",
           "mark_inherited", "reference_date", "resolve_inherited", "time_rank"]
