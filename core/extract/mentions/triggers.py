"""Event triggers: words and phrases that announce an event of a type (``lexicons/triggers.yaml``).

A trigger right after a negating word ("وقف الهجمات", "منطقة خفض التصعيد", "محاولة
تقدم") is dropped: it names an aim or a demand, not an event. A "modifiable" trigger
(قصف، استهدف) is retyped by a modifier that follows it closely ("قصف جوي" → airstrike).
An entry lists ``forms`` as written and/or ``lemmas`` whose inflections are generated
(:mod:`core.extract.wordforms`; the class follows ``pos`` unless ``class`` says otherwise).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cache

from core import vocab
from core.extract.lexmatch import LexiconMatcher
from core.extract.segment import normalized
from core.extract.wordforms import entry_forms, participle_forms
from core.model import TriggerMention
from core.text import NormalizedText, normalize


@dataclass(frozen=True)
class TriggerSpec:
    event_type: str
    pos: str
    priority: int
    generic: bool
    modifiable: bool
    weak: bool = False
    anchor_tail: bool = False  # a gap pattern "X … verb" whose mention is its last word (see find_triggers)
    # words one of which must follow in the clause (requires_after): the bare noun سيطرة is a capture only with
    # its object ("عقب سيطرة القوات على البلدة"), otherwise a holder ("مواقع سيطرة النظام"، "الخاضعتين لسيطرة قسد")
    requires_after: tuple[str, ...] = ()


@dataclass(frozen=True)
class TriggerLexicon:
    matcher: LexiconMatcher
    modifier_matcher: LexiconMatcher
    negators: frozenset[str]
    negator_window: int
    far_negators: frozenset[str]
    far_window: int
    modifier_window: int
    priorities: dict[str, int]
    type_negators: dict[str, frozenset[str]]  # per event type ("استهدفت رتلا": a target, not a deployment)
    type_negator_window: int
    generic_negators: frozenset[str]  # before generic words only ("ردت على الهجوم": a reference)
    after_negators: dict[str, tuple[str, ...]]  # per event type, phrases after the trigger ("حيز التنفيذ")
    after_window: int
    # word → the word without the clitic that makes it a cue (see :func:`_bare`), filled as words are seen
    bare_forms: dict[str, str] = field(default_factory=dict, compare=False, repr=False)
    # per event type, every cue _negated reads (a window without any is not negated: most triggers)
    any_cues: dict[str, frozenset[str]] = field(default_factory=dict, compare=False, repr=False)
    read_words: int = 0  # how many words before a trigger _negated reads (0: all the window's)
    # negators only right before the trigger, as its head ("على محاور القتال"): with a name in between
    # ("شهد محور القرية اشتباكات") the event is reported at that front
    adjacent_negators: frozenset[str] = frozenset()
    # per event type, general negators its triggers leave to a later stage ("فقدت ... السيطرة": read as a loss)
    type_exempt: dict[str, frozenset[str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        windows = (self.negator_window, self.far_window, self.type_negator_window)
        object.__setattr__(self, "read_words", max(windows) if min(windows) > 0 else 0)


@cache
def trigger_lexicon() -> TriggerLexicon:
    raw = vocab.load_yaml("triggers.yaml")
    known = vocab.event_types()
    entries = []
    priorities: dict[str, int] = {}
    type_negators: dict[str, frozenset[str]] = {}
    after_negators: dict[str, tuple[str, ...]] = {}
    type_exempt: dict[str, frozenset[str]] = {}
    for event_type, spec in raw["types"].items():
        if event_type not in known:
            raise ValueError(f"triggers.yaml: unknown event type {event_type!r} (add it to event_types.yaml)")
        priorities[event_type] = int(spec.get("priority", 0))
        if spec.get("after_negators"):
            after_negators[event_type] = tuple(" ".join(normalize(w).split()) for w in spec["after_negators"])
        if spec.get("negators"):
            type_negators[event_type] = frozenset(normalize(w) for w in spec["negators"])
        if spec.get("negator_exempt"):
            type_exempt[event_type] = frozenset(normalize(w) for w in spec["negator_exempt"])
        for entry in spec["entries"]:
            pos = entry["pos"]
            ts = TriggerSpec(event_type, pos, priorities[event_type], bool(entry.get("generic", False)),
                             bool(entry.get("modifiable", False)), bool(entry.get("weak", False)),
                             entry.get("anchor") == "tail",
                             tuple(normalize(w) for w in entry.get("requires_after", ())))
            suffix_set = "verb" if pos == "verb" and entry.get("anchor") != "tail" else "noun"
            for form in entry_forms(entry, "verb" if pos == "verb" else "noun"):
                entries.append((form, ts, suffix_set))
    modifiers = [(str(form), event_type, "none") for event_type, forms in raw.get("modifiers", {}).items()
                 for form in forms]
    modifiers += [(str(form), None, "none") for form in raw.get("not_modifiers", [])]  # matched, then skipped
    return TriggerLexicon(
        matcher=LexiconMatcher(entries, shared=True),
        modifier_matcher=LexiconMatcher(modifiers, shared=True),
        negators=frozenset(normalize(w) for w in raw.get("negators", [])),
        negator_window=int(raw.get("negator_window_words", 2)),
        adjacent_negators=frozenset(normalize(w) for w in raw.get("adjacent_negators", [])),
        far_negators=frozenset(normalize(w) for w in raw.get("far_negators", [])),
        far_window=int(raw.get("far_negator_window_words", 4)),
        modifier_window=int(raw.get("modifier_window_chars", 30)),
        priorities=priorities,
        type_negators=type_negators,
        type_negator_window=int(raw.get("type_negator_window_words", 3)),
        generic_negators=frozenset(normalize(w) for w in raw.get("generic_negators", [])),
        after_negators=after_negators,
        after_window=int(raw.get("after_negator_window_words", 10)),
        type_exempt=type_exempt,
    )


_PAST_ENDINGS = ("", "ت", "تا", "ا", "وا", "ن")


@cache
def _past_heads() -> frozenset[str]:
    """The past stems of the verb lemmas of triggers.yaml (before "/" and any gap)."""
    heads = set()
    for spec in vocab.load_yaml("triggers.yaml")["types"].values():
        for entry in spec["entries"]:
            if entry["pos"] == "verb" and entry.get("class", "verb") == "verb":
                for lemma in entry.get("lemmas") or []:
                    head = str(lemma).split("…")[0].partition("/")[0]
                    heads.add(normalize(" ".join(head.split())))
    return frozenset(heads)


def is_lexicon_past(word: str) -> bool:
    """A past form of a verb lemma (normalized, clitic stripped): a form V/VI verb opens with ت in the past too
    ("تمكن الجيش من استعادة"، "تسللوا"), so its initial ت does not make it an imperfect (that is تتمكن، يتسلل)."""
    heads = _past_heads()
    return any(word[:len(word) - len(e)] in heads for e in _PAST_ENDINGS if word.endswith(e))


def type_priority(event_type: str) -> int:
    return trigger_lexicon().priorities.get(event_type, 0)


_BOUNDARY_RE = re.compile(r"[.،؛:\n!؟]")


CAUSES = frozenset(normalize(w) for w in ("جراء", "إثر", "نتيجة", "بسبب", "بفعل", "عقب"))
_CLITICS = ("و", "ف", "ل")


def _bare(word: str, lex: TriggerLexicon) -> str:
    """The word without a leading و/ف/ل when that makes it a known cue."""
    for p in _CLITICS:
        if word.startswith(p) and len(word) > 3 and word not in lex.negators:
            rest = word[1:]
            if (rest in lex.negators or rest in lex.far_negators or rest in lex.generic_negators
                    or rest in lex.adjacent_negators):
                return rest
    return word


def _bare_form(word: str, lex: TriggerLexicon) -> str:
    """:func:`_bare` of a word with its quote marks stripped, remembered in ``lex.bare_forms``."""
    bare = lex.bare_forms[word] = _bare(word.strip("\"'«»“”()-"), lex)
    return bare


FA_QAD = frozenset({"فقد", "وفقد"})  # ف + قد right before a perfect verb: "indeed", not "lost"


def _negated(norm: str, start: int, lex: TriggerLexicon, event_type: str = "", generic: bool = False,
             by_cause: bool = False, verb: bool = False) -> bool:
    # the words before the trigger, back to a sentence or clause boundary
    words = _BOUNDARY_RE.split(norm[max(0, start - 60):start])[-1].split()
    if verb and words and words[-1] in FA_QAD:
        words = words[:-1]  # "وبحسب المرصد، فقد قصفت الطائرات البلدة"
    if lex.read_words:
        words = words[-lex.read_words:]  # only the last few words are read below
    bare_forms = lex.bare_forms
    if len(bare_forms) > 100_000:  # bounded: a long-running process sees ever new words
        bare_forms.clear()
    get = bare_forms.get
    words = [b if (b := get(w)) is not None else _bare_form(w, lex) for w in words]  # "ولمنع"، "فلن"
    cues = lex.any_cues.get(event_type)
    if cues is None:
        cues = lex.any_cues[event_type] = (lex.negators | lex.far_negators | lex.generic_negators | lex.adjacent_negators
                                           | lex.type_negators.get(event_type, frozenset()))
    if cues.isdisjoint(words):
        return False  # (every test below looks for one of these among the words)
    own = lex.type_negators.get(event_type)
    near = words[-lex.negator_window:]
    exempt = lex.type_exempt.get(event_type)
    if exempt:
        near = [w for w in near if w not in exempt]
    far = words[-lex.far_window:]
    # a far cue's scope ends at a cause ("قتل 5 مدنيين من بينهم طفلان جراء القصف") or at the trigger's own ب
    far_hit = max((i for i, w in enumerate(far) if w in lex.far_negators), default=None)
    if far_hit is not None and (by_cause or not CAUSES.isdisjoint(far[far_hit + 1:])):
        far = []
    return (not lex.negators.isdisjoint(near) or not lex.far_negators.isdisjoint(far)
            or bool(words) and words[-1] in lex.adjacent_negators
            or bool(own and not own.isdisjoint(words[-lex.type_negator_window:]))
            or (generic and not lex.generic_negators.isdisjoint(near)))


def _idiom_after(norm: str, end: int, phrases: tuple[str, ...], window: int) -> bool:
    after = _BOUNDARY_RE.split(norm[end:end + 120], maxsplit=1)[0]
    words = " " + " ".join(after.split()[:window]) + " "
    return any(f" {p} " in words for p in phrases)


@cache
def _support_participles() -> frozenset[str]:
    """Every form of the supporter participles of actor_cues.yaml ("المدعومة"، "مدعوما"، "مسنودة")."""
    lemmas = [w for w in vocab.load_yaml("actor_cues.yaml").get("supporter_participles") or [] if " " not in w]
    return frozenset(normalize(f) for lemma in lemmas for f in participle_forms(lemma))


def _supported_by(norm: str, start: int) -> bool:
    """A strike word after ب right after a supporter participle ("القوات المدعومة بالغارات الروسية"): what backs
    a force, not an event of its own."""
    before = norm[max(0, start - 30):start].split()[-1:]
    return bool(before) and before[0] in _support_participles()


def _required_after(norm: str, end: int, words: tuple[str, ...], window: int) -> bool:
    """One of ``words`` follows within ``window`` words, before a clause boundary."""
    after = _BOUNDARY_RE.split(norm[end:end + 120], maxsplit=1)[0].split()[:window]
    return any(w in words for w in after)


def find_triggers(text: str, nt: NormalizedText | None = None) -> list[TriggerMention]:
    """Trigger mentions in ``text`` (spans in the original text), sorted by start."""
    if not text:
        return []
    nt = nt or normalized(text)  # the document's one cached normalization
    lex = trigger_lexicon()
    hits = lex.matcher.find(nt)
    modifiers = lex.modifier_matcher.find(nt) if any(h.payload.modifiable for h in hits) else []
    modifiers.sort(key=lambda m: m.norm_start)
    modifier_starts = [m.norm_start for m in modifiers]  # in text order: a trigger looks only at its window
    out: list[TriggerMention] = []
    for hit in hits:
        spec: TriggerSpec = hit.payload
        if _negated(nt.text, hit.norm_start - len(hit.proclitic), lex, spec.event_type, spec.generic,
                    "ب" in hit.proclitic, spec.pos == "verb"):
            continue
        if "ب" in hit.proclitic and _supported_by(nt.text, hit.norm_start - len(hit.proclitic)):
            continue
        if spec.requires_after and not _required_after(nt.text, hit.norm_end, spec.requires_after,
                                                       lex.after_window):
            continue
        idioms = lex.after_negators.get(spec.event_type)
        # read from the trigger's own word: the idiom may be the trigger and its adjective ("هجوما دبلوماسيا")
        if idioms and _idiom_after(nt.text, hit.norm_start, idioms, lex.after_window):
            continue
        event_type = spec.event_type
        generic = spec.generic
        if spec.modifiable:
            first = bisect.bisect_left(modifier_starts, hit.norm_end)
            last = bisect.bisect_right(modifier_starts, hit.norm_end + lex.modifier_window)
            for mod in modifiers[first:last]:
                if mod.payload is None:
                    continue
                gap = mod.norm_start - hit.norm_end
                if 0 <= gap <= lex.modifier_window and not any(c in nt.text[hit.norm_end:mod.norm_start]
                                                             for c in ".،؛\n"):
                    event_type = mod.payload
                    generic = False
                    break
        layer = vocab.layer_of(event_type)
        start, end = hit.start, hit.end
        if spec.anchor_tail and hit.extent_end > hit.norm_end:
            # "الطائرات الروسية قصفت": the instrument (often inside the agent's name) confirms the verb, which is
            # the mention, so the instrument phrase stays the verb's subject
            tail_start = nt.text.rfind(" ", hit.norm_end, hit.extent_end) + 1
            start, end = nt.span_to_original(max(tail_start, hit.norm_end), hit.extent_end)
        out.append(TriggerMention(event_type=event_type, layer=layer, surface=text[start:end],
                                  start=start, end=end, weight=0.4 if spec.weak else (0.6 if generic else 1.0),
                                  pos=spec.pos, generic=generic))
    return out
