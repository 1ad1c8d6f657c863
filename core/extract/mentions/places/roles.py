"""Place roles and place references, the last steps over a document's mentions.

Roles (``PlaceMention.role``): not every toponym of a sentence is where the event happened. The correspondent's
location ("مراسل الوكالة في إدلب وريفها") is a "reporter" place; a source's affiliation ("الفصائل الموالية
لأنقرة") a "source" place; a capital that speaks or acts ("قالت أنقرة", "موسكو تتهم") an "actor". The events
assembly keeps only "event" (and "landmark") places. Each test looks at a few words around the mention: linear.

References: "البلدة", "القرية", "المدينة" alone stand for the last town named before them in the continuing
report (its paragraph, or the paragraph before when this one has named none yet), and "محيطها", "أطرافها" for the
town named just before them in the sentence, at precision 2. They become mentions of that town, with
``refers_to`` set, so an event reported as "قصفت أطراف البلدة" is placed at the town. The scan is one pass over the
text with a pointer into the sorted mentions."""

from __future__ import annotations

import bisect
import dataclasses
import re
from functools import lru_cache

from core.geo.names import name_key
from core.model import PlaceMention

_WORDS = re.compile(r"[\u0621-\u064a]+")
_CLITICS = ("وب", "ول", "فب", "فل", "و", "ف", "ب", "ل")
TOWN_KINDS = ("community",)
_CITY_NOUN = name_key("المدينة")
_TO = name_key("إلى")
CITY_LOOKBACK_TOWNS = 8  # the towns "المدينة" may skip back over to the city they follow


def _city_like(pm: PlaceMention) -> bool:
    """Called a city, or the seat of its district or sub-district ("مركز X"): what "المدينة" may refer to."""
    place = pm.place
    if name_key(pm.cue or "") == name_key("مدينة"):
        return True
    names = {name_key(place.name_ar), name_key(pm.surface)}  # (the surface: a combined OCHA name "A / B")
    seats = (place.admin2_name_ar, place.admin3_name_ar, place.admin3_name_ar.removeprefix("مركز "))
    return any(name_key(s) in names for s in seats if s)


def _last_city(towns: list[PlaceMention], k: int, paragraph_starts: list[int], par: int) -> PlaceMention | None:
    """The last city-like town before ``towns[k]``, in this paragraph or the one before."""
    for j in range(k - 1, max(-1, k - 1 - CITY_LOOKBACK_TOWNS), -1):
        if bisect.bisect_right(paragraph_starts, towns[j].start) - 1 < par - 1:
            return None
        if _city_like(towns[j]):
            return towns[j]
    return None
SENTENCE_END = ".!?؟\n;؛"
PRONOUN_SAME_SENTENCE_CHARS = 60  # "سيطرت على X بعد معارك في محيطها"
PRONOUN_NEXT_SENTENCE_CHARS = 200  # "سيطرت على X. وقصفت الطائرات أطرافها": the sentence right after, same paragraph
_key = lru_cache(maxsize=1 << 14)(name_key)  # the same words and place names again and again
REPORTER_STEMS = ("مراسل", "مندوب", "موفد")
# "إن"/"أن"/"بأن" right after a place (a comma allowed): the place may close a speech verb's subject
_COMPLEMENTIZER = re.compile(r"\s*[،,]?\s*(?:ب|و)?[إأا]ن(?:ه|ها|هم)?(?![\u0621-\u064a])")
_COMPLEMENTIZER_WORDS = frozenset({"ان", "انه", "انها", "انهم"})  # cheap test on the raw text before the costlier word reading


def _bare(word: str) -> tuple[str, ...]:
    """A normalized word and its forms without one proclitic (و ف ب ل and their pairs)."""
    forms = (word, *(word[len(c):] for c in _CLITICS if word.startswith(c) and len(word) - len(c) >= 2))
    for c in ("لل", "ولل", "فلل"):
        if word.startswith(c) and len(word) > len(c) + 1:  # "للمدينة" = ل + المدينة
            forms += ("ال" + word[len(c):],)
    return forms


def title_stems(rec) -> re.Pattern:
    """A cheap pre-test on the original text: the first letters of the title nouns, any alef seat (built once)."""
    pattern = getattr(rec, "_title_stems", None)
    if pattern is None:
        stems = sorted({w[:3] for w in rec.title_nouns}, key=len, reverse=True)
        alts = "|".join(re.escape(x).replace("ا", "[اأإآ]") for x in stems)
        pattern = rec._title_stems = re.compile(alts or r"(?!)")
    return pattern


class PlaceRoles:
    """Roles and references, mixed into :class:`~core.extract.mentions.places.document._Doc`."""

    def _words_before(self, pos: int, chars: int = 90) -> list[str]:
        text = self.nt.original
        lo = pos - chars
        cut = self.last_sentence_end(max(0, lo), pos)  # not across a sentence end
        words = [_key(w) for w in _WORDS.findall(text[max(0, lo, cut + 1):pos])]
        if words and pos > 0 and text[pos - 1] in "وفبلك" and len(words[-1]) <= 2:
            words.pop()  # the proclitic of the name itself ("لأنقرة")
        return words

    def last_sentence_end(self, lo: int, hi: int) -> int:
        """The last position in ``[lo, hi)`` of the original text holding a sentence end (else -1): the same as the
        greatest ``text.rfind(c, lo, hi)`` over SENTENCE_END, from the positions found once per document."""
        if self._sentence_ends is None:
            text, found = self.nt.original, []
            for c in SENTENCE_END:
                i = text.find(c)
                while i != -1:
                    found.append(i)
                    i = text.find(c, i + 1)
            self._sentence_ends = sorted(found)
        k = bisect.bisect_left(self._sentence_ends, hi) - 1
        return self._sentence_ends[k] if k >= 0 and self._sentence_ends[k] >= lo else -1

    def _words_after(self, pos: int, chars: int = 30) -> list[str]:
        return [_key(w) for w in _WORDS.findall(self.nt.original[pos:pos + chars])]

    def assign_roles(self, mentions: list[PlaceMention]) -> list[PlaceMention]:
        out: list[PlaceMention] = []
        for pm in mentions:
            role = self.role_of(pm)
            if role in ("event", "source") and out and out[-1].role == "reporter" and self.joined(out[-1], pm):
                role = "reporter"  # "مراسلنا في إدلب وريفها"
            if role == "event" and out and self.describes(out[-1], pm):
                out.append(dataclasses.replace(pm, role="relation", locates=(out[-1].start, out[-1].end)))
                continue
            out.append(dataclasses.replace(pm, role=role) if role != pm.role else pm)
        return out

    def describes(self, a: PlaceMention, b: PlaceMention) -> bool:
        """"X الحدودية مع تركيا", "قرية X المحاذية لمدينة Y": b only tells where a lies."""
        rec = self.rec
        if b.start - a.end > 40 or not rec.relation_adjectives:
            return False
        first = _WORDS.search(self.nt.original, a.end, b.start)  # (most pairs: no relation adjective first)
        if first is None or _key(first.group()) not in rec.relation_adjectives:
            return False
        words = [_key(w) for w in _WORDS.findall(self.nt.original[a.end:b.start])]
        rest = words[1:]
        head = self.nt.original[max(0, b.start - 1):b.start]
        if rest and rest[0] in rec.relation_prepositions:
            rest = rest[1:]
        elif not (rest and rest[0].startswith("ل") and rest[0][1:] in rec.relation_nouns) and head != "ل":
            return False  # "القريبة منها" etc. need their preposition
        if rest and rest[0].startswith("ل") and rest[0][1:] in rec.relation_nouns:
            rest = rest[1:]
        return len(rest) <= 1 and all(w in rec.relation_nouns for w in rest)

    def joined(self, a: PlaceMention, b: PlaceMention) -> bool:
        between = self.nt.original[a.end:b.start].strip()
        return between in ("", "و", "،", ",") or (b.start - a.end <= 3 and between.startswith("و"))

    def role_of(self, pm: PlaceMention) -> str:
        role = self.base_role(pm)
        if role == "event" and self.speaker_seat(pm.start, pm.end):
            return "source"
        return role

    def speaker_seat(self, start: int, end: int) -> bool:
        """"قال مصدر عسكري في دمشق إن": "إن/أن" right after the place (original offsets), a speech verb before it
        (same sentence, a few words) and no other "إن/أن" between: the place describes the speaker; what is
        reported comes after. Memoized per span (asked for a match, then for its mention)."""
        seat = self._seats.get((start, end))
        if seat is None:
            seat = self._seats[(start, end)] = self._speaker_seat(start, end)
        return seat

    def _speaker_seat(self, start: int, end: int) -> bool:
        if not _COMPLEMENTIZER.match(self.nt.original, end):
            return False
        rec = self.rec
        before = self._words_before(start, 120)[-rec.speech_window:]
        for w in reversed(before):
            forms = _bare(w)
            if any(f in _COMPLEMENTIZER_WORDS for f in forms):
                return False
            if any(f in rec.speech_verbs for f in forms):
                return True
        return False

    def base_role(self, pm: PlaceMention) -> str:
        rec = self.rec
        is_capital = pm.place is not None and (pm.place.kind == "foreign" or _key(pm.place.name_ar)
                                               in rec.metonym_capitals)
        if self.in_title(pm):
            return "source"
        reporter = self.reporter_before(pm.start)
        if not reporter and not is_capital:
            return "event"  # (most mentions: no word around them needs reading)
        before = self._words_before(pm.start)
        # "مراسل وكالة ... في X": a reporter word in the window, "في" (or بـ on the name) right before it
        window = before[-rec.reporter_window:]
        head = self.nt.original[max(0, pm.start - 1):pm.start]
        if reporter and window and (window[-1] == "في" or head == "ب") and any(
                f in rec.reporter_words for w in window for f in _bare(w)):
            return "reporter"
        is_capital = pm.place is not None and (pm.place.kind == "foreign" or _key(pm.place.name_ar)
                                               in rec.metonym_capitals)
        if not is_capital:
            return "event"
        # "الموالية لأنقرة", "المدعومة من موسكو"
        prefix = self.nt.original[max(0, pm.start - 1):pm.start]
        last = before[-1] if before else ""
        if (prefix == "ل" and last in rec.affiliation_words) or (
                last == "من" and len(before) > 1 and before[-2] in rec.affiliation_words):
            return "source"
        after = self._words_after(pm.end)
        if (last and any(f in rec.metonym_verbs for f in _bare(last))) or (
                after and any(f in rec.metonym_verbs for f in _bare(after[0]))):
            return "actor"
        if any(f in rec.metonym_heads for f in _bare(last)) or (last == "من" and len(before) > 1 and (
                before[-2] in rec.metonym_strike_nouns or any(f in rec.metonym_seat_verbs for f in _bare(before[-2])))):
            return "actor"  # "قوات دمشق", "لحكومة دمشق", "غارات من موسكو", "التي تتخذ من دمشق مقرا"
        if last in rec.metonym_pronoun_objects and len(before) > 1 and any(
                f in rec.metonym_verbs for f in _bare(before[-2])):
            return "actor"  # "أطلقت عليها أنقرة"
        if self.attributed_to(before, prefix) or self.government_seat(before):
            return "actor"
        return "event"

    def attributed_to(self, before: list[str], prefix: str) -> bool:
        """"نسبتها أنقرة إلى دمشق", "بالنسبة إلى دمشق", "بالنسبة لموسكو": an attribution word shortly before
        "إلى" (or ل on the capital)."""
        if before and before[-1] == _TO:
            window = before[-4:-1]
        elif prefix == "ل":
            window = before[-3:]
        else:
            return False
        stems = self.rec.attribution_stems
        return any(f.startswith(stems) for w in window for f in _bare(w))

    def government_seat(self, before: list[str]) -> bool:
        """"الموالين للحكومة السورية في دمشق", "قوات النظام في دمشق": a government noun, at most one word between it
        and "في" right before the capital."""
        if len(before) < 2 or before[-1] != "في":
            return False
        nouns = self.rec.government_nouns
        return any(f in nouns for w in before[-3:-1] for f in _bare(w))

    def reporter_before(self, start: int, chars: int = 90) -> bool:
        """A reporter stem lies within the ``chars`` characters before ``start`` (the same as a substring test on
        that window, from the stems' occurrences found once per document)."""
        if self._reporter_stems is None:
            text, found = self.nt.original, []
            for stem in REPORTER_STEMS:
                i = text.find(stem)
                while i != -1:
                    found.append((i, i + len(stem)))
                    i = text.find(stem, i + 1)
            found.sort()
            self._reporter_stems = ([a for a, _ in found], [b for _, b in found])
        starts, ends = self._reporter_stems
        k = bisect.bisect_left(starts, max(0, start - chars))
        while k < len(starts) and starts[k] < start:
            if ends[k] <= start:
                return True
            k += 1
        return False

    def in_title(self, pm: PlaceMention) -> bool:
        """"شبكة حلب اليوم", "مديرية صحة إدلب", "قائد شرطة حماة": the place is part of a source's name or title,
        in construct right after a title noun (a title middle word may stand between), no cue word before it."""
        if pm.cue or pm.start < 2:
            return False
        rec = self.rec
        after = _WORDS.search(self.nt.original, pm.end, pm.end + 30)
        if after is not None and _key(after.group()) in rec.organisation_adjectives and \
                not self.nt.original[pm.end:after.start()].strip():
            return True  # "مركز حمص الإعلامي", "تنسيقية داريا الإعلامية": an office named after the place
        if not title_stems(rec).search(self.nt.original, max(0, pm.start - 30), pm.start):
            return False  # (most mentions: no title word just before them)
        before = self._words_before(pm.start, 30)[-2:]
        if not before:
            return False
        if before[-1] in rec.title_middles and len(before) == 2:
            before = before[:1]
        return any(f in rec.title_nouns for f in _bare(before[-1]))

    # -- references -----------------------------------------------------------------------------------------
    def place_references(self, mentions: list[PlaceMention]) -> list[PlaceMention]:
        rec = self.rec
        text = self.nt.original
        paragraph_starts = [0] + [m.end() for m in re.finditer(r"\n\s*", text)]
        starts = [pm.start for pm in mentions]
        towns = [pm for pm in mentions if pm.status == "resolved" and pm.place is not None
                 and pm.place.kind in TOWN_KINDS and pm.precision in (1, 2) and pm.role == "event"]
        town_starts = [pm.start for pm in towns]
        added: list[PlaceMention] = []
        triggers = self.reference_triggers()
        for t in self.positions(triggers):
            word = self.words[t]
            forms = _bare(word)
            noun = next((f for f in forms if f in rec.reference_nouns), None)
            pronoun = None if noun else next((f for f in forms if f in rec.reference_pronouns), None)
            w_start, w_end, _ = self.span(self.tok_starts[t], self.tok_ends[t])
            st = w_end - len(noun or pronoun)
            i = bisect.bisect_left(starts, w_start)
            if i < len(mentions) and mentions[i].start < w_end:
                continue  # already a mention (a named place, "ريفها")
            nxt = self.word(t + 1)
            if noun and (nxt in rec.name_suffixes or nxt in ("التي", "الذي")
                         or self.names_place_after(w_end, mentions, starts)):
                continue  # "البلدة القديمة", "المدينة التي ...": described, not referred to
            k = bisect.bisect_left(town_starts, st) - 1
            if k < 0:
                continue
            town = towns[k]
            par = bisect.bisect_right(paragraph_starts, st) - 1
            town_par = bisect.bisect_right(paragraph_starts, town.start) - 1
            # "قرب المدينة" after "قرب بلدة X": the city named before X
            city = _last_city(towns, k, paragraph_starts, par) if noun == _CITY_NOUN and not _city_like(
                town) else None
            if city is not None:
                town, town_par = city, bisect.bisect_right(paragraph_starts, city.start) - 1
            if pronoun:
                # the town just before, in the sentence or (no settlement named since) the one before it
                gap = text[town.end:st]
                ends = sum(gap.count(c) for c in SENTENCE_END)
                if not (ends == 0 and st - town.end <= PRONOUN_SAME_SENTENCE_CHARS) and not (
                        ends == 1 and par == town_par and st - town.end <= PRONOUN_NEXT_SENTENCE_CHARS
                        and not any(mentions[j].place is None or mentions[j].precision in (1, 2)
                                    for j in range(bisect.bisect_right(starts, town.start), i))):
                    continue
            elif town_par < par - 1 or (city is None and town_par == par - 1 and any(
                    paragraph_starts[par] <= s0 < st for s0 in starts)):
                continue  # a new topic: the town was named two paragraphs up, or this paragraph names others
            near = pronoun is not None or any(f in rec.near for f in _bare(self.word(t - 1)))
            role, locates = town.role, town.locates
            if noun and near:  # "قرى A وB غرب المدينة": the city only locates the place named right before
                n_start = self.span(self.tok_starts[t - 1], self.tok_ends[t - 1])[0]
                j = bisect.bisect_left(starts, n_start) - 1  # the place named right before the near word
                gap = text[mentions[j].end:n_start] if j >= 0 else ""
                if j >= 0 and not _WORDS.search(gap) and not set(gap) & set(SENTENCE_END):
                    role, locates = "locator", (mentions[j].start, mentions[j].end)
            added.append(dataclasses.replace(
                town, surface=text[st:w_end], start=st, end=w_end, precision=2 if near else town.precision,
                role=role, locates=locates,
                score=round(town.score * 0.9, 3), cue=pronoun or noun, refers_to=town.surface, candidates=(),
                reason=f"'{text[st:w_end]}' refers to '{town.surface}' named before; " + town.reason))
        if not added:
            return mentions
        return sorted(mentions + added, key=lambda pm: pm.start)

    def reference_triggers(self) -> frozenset[str]:
        """Every written form of the reference words, with their proclitics (built once per recognizer)."""
        rec = self.rec
        if getattr(rec, "_reference_triggers", None) is None:
            words = rec.reference_nouns | rec.reference_pronouns
            forms = {c + w for w in words for c in ("", *_CLITICS)}
            forms |= {c + "ل" + w[1:] for w in rec.reference_nouns for c in ("", "و", "ف")}  # "للمدينة"
            rec._reference_triggers = frozenset(forms)
        return rec._reference_triggers

    def names_place_after(self, pos: int, mentions: list[PlaceMention], starts: list[int]) -> bool:
        i = bisect.bisect_left(starts, pos)
        return i < len(mentions) and mentions[i].start - pos <= 2
