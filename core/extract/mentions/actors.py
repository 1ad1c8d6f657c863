"""Actor mentions: names, people, offices and nisba adjectives from ``lexicons/actors.yaml``.

Each mention carries its actor (id, side) and a ``kind`` (name | person | office |
adjective). Actors introduced by a "backed by" cue (``lexicons/actor_cues.yaml``:
"المدعومة من روسيا وإيران", "بدعم روسي") get ``role_hint="supporter"``: they back the
agent and are never the agent or the target of the event.

Actor phrases built by structure (``actor_cues.yaml``), resolved in one pass over the
document's hits in order:

- a head noun ("قوات"، "فصيل"، "ميليشيا") right before a name or an adjective takes that
  actor ("فصيل هيئة تحرير الشام" → hts, not the generic "فصيل"); a form listed under
  ``after_head`` counts only there ("المسلحون الأكراد" → sdf, but not "القرى الكردية");
- a short name or bare noun ("الهيئة"، "الجبهة"، "الجيش") is the actor of the last mention
  whose name holds that noun ("هيئة تحرير الشام" … "الهيئة"), else its default, else nothing;
- a pair noun ("الرئيسان"، "الطرفين") names the last two actors mentioned before it;
- a generic armed group named by its patron is the patron's proxy (``proxies``): "الفصائل الموالية لتركيا",
  "مسلحو المعارضة الذين تدعمهم تركيا" → sna, "القوات الموالية للنظام" → the government, "مرتزقة الاحتلال
  التركي" → sna, "جيش الاحتلال التركي ومرتزقته" → turkey, then sna.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cache

from core import vocab
from core.extract.lexmatch import LexiconMatcher, padded_words
from core.extract.segment import normalized
from core.extract.wordforms import expand_all, participle_forms
from core.model import Actor, ActorMention
from core.text import NormalizedText, normalize

KINDS = ("forms", "people", "offices", "adjectives", "nisba", "after_head", "after_strike")
_KIND_NAMES = {"forms": "name", "people": "person", "offices": "office", "adjectives": "adjective",
               "nisba": "adjective", "after_head": "adjective", "after_strike": "adjective"}
_JOINER_RE = re.compile(r"^[\s،,\"'«»“”]*(و|او|أو)?[\s\"'«»“”]*$")  # ("المدعومة من "روسيا" و"إيران"")
_HEAD_GAP_RE = re.compile(r"^[\W_]*(من[\W_]+)?$")  # what may stand between a head and its name
PAIR_KINDS = ("name", "person", "office", "adjective")


@dataclass(frozen=True)
class _Entry:
    """What a matched form is: an actor's name, and/or a head noun, a short noun or a pair noun."""

    actor_id: str = ""
    kind: str = ""
    after_head: bool = False  # an actor form valid only right after a head noun
    after_strike: bool = False  # an actor nisba valid only right after a strike noun ("قصف سوري")
    head: str = ""  # "extend" (the mention starts at the head) | "member" (it does not: "عناصر", a target cue)
    short: str = ""  # the bare noun it stands for ("الجيش")
    pair: bool = False
    generic: bool = False  # a bare armed-group noun ("الميليشيات") that its patron may name
    proxy_head: bool = False  # "مرتزقة" + an actor: the actor's proxy
    pronoun_proxy: bool = False  # "ومرتزقته": the proxy of the last actor named
    nouns: tuple[str, ...] = ()  # short nouns this actor's form holds ("هيئة تحرير الشام" → الهيئة)
    anaphor: str = ""  # "last" | "first" | "other": an actor named before ("الأخيرة"، "الأولى"، "الطرف الآخر")


@dataclass(frozen=True)
class _Structure:
    matcher: LexiconMatcher
    defaults: dict[str, str]  # short noun → actor when no mention came before
    proxies: dict[str, str]  # patron → its proxy
    anaphor_not_after: frozenset[str] = frozenset()
    anaphor_not_before: frozenset[str] = frozenset()


def _short_nouns_of(form: str, shorts: frozenset[str]) -> tuple[str, ...]:
    out = []
    for word in form.split():
        bare = word[2:] if word.startswith("ال") else word
        if "ال" + bare in shorts:
            out.append("ال" + bare)
    return tuple(out)


def _definite_before_name(nt: NormalizedText, hit, nxt) -> bool:
    """"طردت الفصائل قوات النظام": a head with the article is no construct, so the name after it is another actor;
    only an adjective ("الشرطة العسكرية الروسية") or a head of its own noun phrase continues it."""
    word = nt.text[hit.norm_start:hit.norm_end].split()[0]
    bare = word[1:] if word[:1] in "وفبل" and word[1:].startswith("ال") else word
    return bare.startswith("ال") and not (nxt.payload.kind == "adjective" or nxt.payload.after_head)


def _with_spelling_variants(forms: list[str], variants: list[tuple[str, str]]) -> list[str]:
    """The forms, each followed by its other spellings (actor_cues.yaml ``spelling_variants``)."""
    out: list[str] = []
    for form in forms:
        out.append(form)
        norm = normalize(form)
        for a, b in variants:
            if a in norm:
                out.append(norm.replace(a, b))
            elif b in norm:
                out.append(norm.replace(b, a))
    return out


@cache
def _structure() -> _Structure:
    raw = vocab.load_yaml("actors.yaml")
    cues = vocab.load_yaml("actor_cues.yaml")
    shorts = frozenset(normalize(s) for s in cues["short_nouns"])
    keepers = frozenset(" ".join(normalize(str(k)).split()) for k in cues.get("short_noun_keepers") or [])
    variants = [(normalize(a), normalize(b)) for a, b in cues.get("spelling_variants") or []]
    merged: dict[str, dict] = {}  # normalized form → fields of its _Entry
    order: list[tuple[str, str]] = []

    def add(surface: str, **fields) -> None:
        key = " ".join(normalize(surface).split())
        if key not in merged:
            merged[key] = {}
            order.append((surface, key))
        for name, value in fields.items():
            merged[key].setdefault(name, value)  # the first role given wins (longest forms first is the matcher's job)

    for actor_id, spec in raw.items():
        for kind in KINDS:
            lemmas = [str(f) for f in spec.get(kind) or []]
            forms = expand_all(lemmas, "nisba" if kind in ("nisba", "after_strike") else "fixed")
            if kind == "nisba":  # the accusative adverb ("المدعومة إيرانيا"، "هجوما أمريكيا"); not of a nisba that
                forms += [lemma + "ا" for lemma in lemmas]  # only names after a strike noun ("سوريا" is Syria)
            for form in _with_spelling_variants(forms, variants):
                key = " ".join(normalize(form).split())
                add(form, actor_id=actor_id, kind=_KIND_NAMES[kind], after_head=kind == "after_head",
                    after_strike=kind == "after_strike", nouns=() if key in keepers else _short_nouns_of(key, shorts))
    for head in cues["heads"]:
        add(str(head), head="extend")
    for head in cues["member_heads"]:
        add(str(head), head="member")
    for short in cues["short_nouns"]:
        add(str(short), short=normalize(short))
    for form in expand_all(cues["pair_nouns"], "dual"):
        add(form, pair=True)
    for head in cues.get("proxy_heads") or []:
        add(str(head), head="extend", proxy_head=True)
    for noun in cues.get("pronoun_proxies") or []:
        add(str(noun), pronoun_proxy=True)
    for head in cues.get("generic_heads") or []:
        add(str(head), generic=True)
    for which, forms in (cues.get("anaphors") or {}).items():
        for form in forms:
            add(str(form), anaphor=which)
    for outlet in cues.get("not_actors") or []:
        add(str(outlet))  # an entry naming no actor: the longer outlet name hides the country inside it
    entries = [(surface, _Entry(**merged[key]), "none") for surface, key in order]
    defaults = {normalize(k): v for k, v in (cues.get("short_defaults") or {}).items()}
    return _Structure(LexiconMatcher(entries, shared=True), defaults, dict(cues.get("proxies") or {}),
                      frozenset(normalize(w) for w in cues.get("anaphor_not_after") or []),
                      frozenset(normalize(w) for w in cues.get("anaphor_not_before") or []))


_DEFINITE = ("ال", "وال", "بال", "فال", "كال", "لل", "ولل")


def _anaphor_context(nt: NormalizedText, hit, structure: _Structure) -> bool:
    """"وقصفت الأولى"، "أن الأخيرة"، "هذه الأخيرة": an anaphor; "المرة الأولى"، "الساعات الـ24 الأخيرة"، "في
    الأخير"، "الأولى من نوعها": an ordinal adjective or an idiom."""
    before = _WORD_RE.findall(nt.text, max(0, hit.norm_start - 24), hit.norm_start)
    if not before:
        return False
    prev = before[-1]
    bare = prev[1:] if prev[:1] in "وف" and len(prev) > 2 else prev  # "وفي الأخير"
    if prev.startswith(_DEFINITE) or any(ch.isdigit() for ch in prev) or prev in structure.anaphor_not_after or (
            bare in structure.anaphor_not_after):
        return False
    after = _WORD_RE.findall(nt.text, hit.norm_end, min(len(nt.text), hit.norm_end + 12))
    return not (after and after[0] in structure.anaphor_not_before)


def _anaphor_actor(which: str, recent: list[str], last_seen: str) -> str:
    """The actor an anaphor stands for: of the last two distinct full mentions (``recent``), the last, the first,
    or the other than the one named or referred to right before (``last_seen``)."""
    if which == "last":
        return recent[-1] if recent else ""
    if len(recent) < 2:
        return ""
    if which == "first":
        return recent[-2]
    return recent[-2] if last_seen != recent[-2] else recent[-1]


def allied(a: str, b: str) -> bool:
    """One actor is the other's proxy ("جيش الاحتلال التركي ومرتزقته"): they fight on one front."""
    proxies = _structure().proxies
    return proxies.get(a) == b or proxies.get(b) == a


@cache
def _outlet_heads() -> frozenset[str]:
    return frozenset(normalize(w) for w in vocab.load_yaml("actor_cues.yaml").get("outlet_heads") or [])


_LAST_WORD_RE = re.compile(r"(\w+)[\W_]*$")


def _last_word(text: str, lo: int, hi: int) -> str | None:
    """``_LAST_WORD_RE.search(text, lo, hi).group(1)``, read backwards from ``hi`` (the regex tries every
    start in the window: the costliest step of actor resolution)."""
    i = hi
    while i > lo and not text[i - 1].isalnum():  # [\W_]: not a letter or digit
        i -= 1
    if i == lo:  # no letter or digit: only underscores could make a word
        m = _LAST_WORD_RE.search(text, lo, hi)
        return m and m.group(1)
    end = i
    while end < hi and text[end] == "_":  # \w+ is greedy: underscores right after the word are its own
        end += 1
    i -= 1
    while i > lo and (text[i - 1].isalnum() or text[i - 1] == "_"):
        i -= 1
    return text[i:end]


def _names_outlet(nt: NormalizedText, norm_start: int, before: list[str]) -> bool:
    """"قناة (روسيا اليوم)"، "لتلفزيون سوريا": the name right after an outlet noun is the outlet's. ``before``:
    the words before the name (:func:`_words_before`)."""
    lo = max(0, norm_start - 24)
    if "_" in nt.text[lo:norm_start]:
        word = _last_word(nt.text, lo, norm_start)
    else:  # no underscore: the last word of ``before`` is the same word
        word = before[-1] if before else None
    if word is None:
        return False
    heads = _outlet_heads()
    return word in heads or (word[:1] in "وفبل" and word[1:] in heads)


@cache
def _cue_matcher() -> tuple[LexiconMatcher, int]:
    raw = vocab.load_yaml("actor_cues.yaml")
    # holders of a place and issuers of a statement are, like supporters, neither agent nor target
    phrases = [*raw.get("supporter", []), *raw.get("holders", []), *raw.get("sources", [])]
    for lemma in raw.get("supporter_participles") or []:
        phrases += [f for f in participle_forms(str(lemma)) if f not in phrases]
    cues = [(c, "supporter", "none") for c in phrases]
    # the ally a strike is made for ("دعما لقوات X"): only the actor right after the cue
    cues += [(c, "supported", "none") for c in raw.get("supported") or [] if c not in phrases]
    return LexiconMatcher(cues, shared=True), int(raw["supporter_window"])


@cache
def _supported_window() -> int:
    return int(vocab.load_yaml("actor_cues.yaml").get("supported_window") or 0)


@cache
def _strike_words() -> tuple[frozenset[str], frozenset[str]]:
    """Strike nouns (bare and definite) and the modifiers that may follow them, normalized."""
    cues = vocab.load_yaml("actor_cues.yaml")
    nouns = [normalize(str(w)) for w in cues.get("strike_nouns") or []]
    skip = [*vocab.load_yaml("event_cues.yaml")["noun_modifier_skippable"], *(cues.get("strike_noun_modifiers") or [])]
    return frozenset(nouns + ["ال" + n for n in nouns]), frozenset(normalize(str(w)) for w in skip)


def _after_strike_noun(nt: NormalizedText, norm_start: int) -> bool:
    """"الضربة الجوية السورية": a strike noun before the nisba, with at most two modifiers between."""
    nouns, skip = _strike_words()
    words = _WORD_RE.findall(nt.text, max(0, norm_start - 40), norm_start)[-3:]
    while len(words) > 1 and words[-1] in skip and words[-1] not in nouns:  # ("طائرة مروحية سورية")
        words.pop()
    if not words:
        return False
    word = words[-1]
    return word in nouns or (word[:1] in "وفبل" and word[1:] in nouns)


_NOT_NAMES = frozenset(("ان", "عن", "من", "في", "على", "الى", "بان", "انه", "انها", "ل", "مع", "الي"))  # not in a name
_LINKS = ("ل", "من", "على", "مع")  # a preposition between a tie or a place noun and the actor ("الموالية لـ X")


@dataclass(frozen=True)
class _Descriptions:
    places: frozenset[str]  # nouns after which a nisba names a place ("الحدود التركية")
    outlets: frozenset[str]  # an outlet's noun: its name may stand before the tie
    sources: frozenset[str]  # bare source nouns ("صفحات"، "مصادر")
    ties: frozenset[str]  # "التابعة"، "الموالية"، "المقربة"
    first: frozenset[str] = frozenset()  # the words (with a proclitic or not) right before a described actor


@cache
def _descriptions() -> _Descriptions:
    cues = vocab.load_yaml("actor_cues.yaml")

    def words(key: str) -> frozenset[str]:
        return frozenset(normalize(str(w)) for w in cues.get(key) or [])
    places, ties = words("place_nouns"), words("outlet_ties")
    first = frozenset(_LINKS) | {p + w for w in places | ties for p in ("", "و", "ف", "ب", "ل")}
    return _Descriptions(places, words("outlet_nouns"), words("source_nouns"), ties, first)


OUTLET_GAP = 3  # words of an outlet's name that may stand between its noun and the tie


def _is_in(word: str, words: frozenset[str]) -> bool:
    """The word, or the word without a proclitic ("والحدود"), is one of ``words`` ("وكالة" is itself one)."""
    return word in words or (word[:1] in "وفبل" and len(word) > 3 and word[1:] in words)


def _words_before(nt: NormalizedText, norm_start: int) -> list[str]:
    """The words of the 60 characters before a mention, read on the document's padded text (words as _WORD_RE
    has them, split cheaply: this runs once per mention)."""
    return padded_words(nt.text)[max(0, norm_start - 60) + 1:norm_start + 1].split()


def _describes(before: list[str], adjective: bool, epithet: bool) -> bool:
    """The actor names no party but a place or an outlet: a nisba right after a place noun ("نحو الحدود التركية"),
    a name after "الحدود مع"; an actor after a tie that follows an outlet or source noun ("شبكة شام التابعة
    للمعارضة"، "صفحات موالية للنظام"، "مصادر مقربة من الهيئة"); an ``epithet`` (one definite word) right after
    an outlet's name ("شبكة شام المعارضة"، "صحيفة هآرتس الإسرائيلية")."""
    d = _descriptions()
    if not before:
        return False
    last = before[-1]  # most mentions stop here
    if epithet and len(before) > 1 and last not in _NOT_NAMES and (_is_in(before[-2], d.outlets) or (
            len(before) > 2 and before[-2] not in _NOT_NAMES and _is_in(before[-3], d.outlets))):
        return True
    if not (last in d.first or (adjective and last.endswith(("ي", "يه")))):
        return False
    link = before[-1] if before and before[-1] in _LINKS else ""
    if link:
        before = before[:-1]
    if not before:
        return False
    last = before[-1]
    if adjective and not link:  # over other nisbas to the place noun ("الحدود السورية التركية")
        for word in before[:-4:-1]:
            if _is_in(word, d.places):
                return True
            if not word.endswith(("ي", "يه")):
                break
    if _is_in(last, d.places):
        return link == "مع" and last.endswith(("الحدود", "الحدوديه", "الحدودي", "حدود"))
    if not _is_in(last, d.ties) or link == "مع":
        return False
    named = before[-2 - OUTLET_GAP:-1]
    if any(_is_in(w, d.outlets) for w in named):
        return True
    # a bare source noun right before the tie, or with one adjective between ("صفحات محلية موالية لـ"), not
    # with a noun between ("مصادر النيران التابعة لـ" is where the fire comes from)
    near = before[-3:-1]
    if near and near[-1].endswith(("ي", "يه")) and len(near) == 2:
        near = near[:1]
    return bool(near) and _is_in(near[-1], d.sources)


@dataclass
class _Found:
    actor: Actor | None  # None: a bare generic head, kept only until its patron names it
    kind: str
    start: int
    end: int
    norm_start: int
    norm_end: int


def _resolve(nt: NormalizedText) -> list[_Found]:
    """Actor mentions from the hits, with heads, short names and pairs resolved (one pass, in order)."""
    structure = _structure()
    actors = vocab.actors()
    hits = structure.matcher.find(nt)
    last_by_noun: dict[str, str] = {}
    recent: list[str] = []  # distinct actor ids, most recent last
    last_seen = ""  # the actor of the last mention, an anaphor's included
    out: list[_Found] = []
    carry: tuple[int, int] | None = None  # (start, norm_start) of an "extend" head standing before
    headed = proxied = False
    for i, hit in enumerate(hits):
        e: _Entry = hit.payload
        nxt = hits[i + 1] if i + 1 < len(hits) else None
        if e.head and nxt is not None and _HEAD_GAP_RE.match(nt.text[hit.norm_end:nxt.norm_start]) and (
                nxt.payload.actor_id or nxt.payload.head or nxt.payload.anaphor) and not _definite_before_name(
                    nt, hit, nxt) and not (nxt.payload.after_strike and not _after_strike_noun(nt, nxt.norm_start)):
            if e.head == "extend" and carry is None and not headed:
                carry = (hit.start, hit.norm_start)
            headed, proxied = True, proxied or e.proxy_head
            continue
        start, norm_start = carry if carry else (hit.start, hit.norm_start)
        actor_id, kind = e.actor_id, "name" if carry and e.kind == "adjective" else e.kind
        after_head, carry, headed, by_proxy, proxied = headed, None, False, proxied, False
        if e.after_head and not after_head:
            continue
        if e.after_strike and not _after_strike_noun(nt, hit.norm_start):
            continue
        if not actor_id and e.short:
            actor_id, kind = last_by_noun.get(e.short) or structure.defaults.get(e.short, ""), "name"
        if not actor_id and e.anaphor:
            if after_head or _anaphor_context(nt, hit, structure):
                actor_id = _anaphor_actor(e.anaphor, recent, last_seen)
            if actor_id:  # "قوات الأخير": the actor named before; it keeps the order of full mentions
                out.append(_Found(actors[actor_id], "name", start, hit.end, norm_start, hit.norm_end))
                last_seen = actor_id
            continue
        if not actor_id and e.pronoun_proxy and recent:
            actor_id, kind = structure.proxies.get(recent[-1], recent[-1]), "name"
        elif actor_id and by_proxy:
            actor_id, kind = structure.proxies.get(actor_id, actor_id), "name"
        if not actor_id and e.generic:
            out.append(_Found(None, "generic", start, hit.end, norm_start, hit.norm_end))
            continue
        if actor_id:
            before = _words_before(nt, norm_start)
            span = nt.text[norm_start:hit.norm_end]
            if (kind != "office" and _names_outlet(nt, norm_start, before)) or _describes(
                    before, kind == "adjective" and not after_head, span.startswith("ال") and " " not in span):
                continue
        if actor_id:
            out.append(_Found(actors[actor_id], kind, start, hit.end, norm_start, hit.norm_end))
            for noun in e.nouns:
                last_by_noun[noun] = actor_id
            if kind in PAIR_KINDS and actors[actor_id].side != "civilians":
                if actor_id in recent:
                    recent.remove(actor_id)
                recent.append(actor_id)
                last_seen = actor_id
        elif e.pair and len(recent) >= 2 and not (nxt is not None and nxt.payload.actor_id and _HEAD_GAP_RE.match(
                nt.text[hit.norm_end:nxt.norm_start])):  # "الرئيسين الروسي والتركي": the adjectives name them
            for pid in recent[-2:]:
                out.append(_Found(actors[pid], "name", start, hit.end, norm_start, hit.norm_end))
    return out


@dataclass(frozen=True)
class _ProxyCues:
    matcher: LexiconMatcher
    clients: frozenset[str]
    gap_words: frozenset[str]
    pronouns: frozenset[str]
    names: dict[str, str]  # a bare noun that names a patron only after a patron cue ("الموالية للحكومة")


@cache
def _proxy_cues() -> _ProxyCues:
    raw = vocab.load_yaml("actor_cues.yaml")
    return _ProxyCues(LexiconMatcher([(c, "patron", "none") for c in raw.get("patron_cues") or []], shared=True),
                      frozenset(raw.get("proxy_clients") or []),
                      frozenset(normalize(w) for w in raw.get("patron_gap_words") or []),
                      frozenset(normalize(w) for w in raw.get("patron_pronouns") or []),
                      {normalize(k): v for k, v in (raw.get("patron_names") or {}).items()})


_PATRON_NAME_PREFIXES = (("لل", "ال"), ("ل", ""), ("", ""))


def _patron_name(nt: NormalizedText, cue_end: int, names: dict[str, str]) -> tuple[str, int] | None:
    """A bare patron noun right after a patron cue ("للحكومة", "من دمشق"): its actor and normalized end."""
    for m in _WORD_RE.finditer(nt.text, cue_end, min(len(nt.text), cue_end + 24)):
        word = m.group()
        if word in ("من", "قبل"):
            continue
        for prefix, restore in _PATRON_NAME_PREFIXES:
            if word.startswith(prefix) and restore + word[len(prefix):] in names:
                return names[restore + word[len(prefix):]], m.end()
        return None
    return None


_WORD_RE = re.compile(r"[^\W_]+")
_PATRON_GAP_RE = re.compile(r"^[\W_]*(?:(?:من|قبل)[\W_]+|ل[\W_]*)*$")  # "المدعومة من قبل تركيا", "الموالية لـ تركيا"
PATRON_WINDOW = 40  # characters between a generic mention and its patron cue


def _adjective_gap(words: list[str], allowed: frozenset[str]) -> bool:
    """Words that may stand between a generic mention and its patron cue: adjectives ("السوريون"، "المسلحة")."""
    return len(words) <= 3 and all(w in allowed or w.endswith(("ي", "يه", "يون", "يين", "يه")) for w in words)


def _apply_proxies(nt: NormalizedText, found: list[_Found]) -> tuple[list[_Found], list[tuple[int, int]]]:
    """Generic mentions named by their patron become the patron's proxy; bare generic heads left unnamed are
    dropped. Returns the mentions and the (normalized) spans the proxy phrases cover."""
    cues = _proxy_cues()
    proxies = _structure().proxies
    actors = vocab.actors()
    starts = [f.norm_start for f in found]
    replaced: dict[int, _Found] = {}
    dropped: set[int] = set()
    spans: list[tuple[int, int]] = []
    for cue in cues.matcher.find(nt):
        j = bisect.bisect_left(starts, cue.norm_end)  # the first mention after the cue
        i = j - 1
        while i >= 0 and (found[i].norm_end > cue.norm_start or i in dropped):
            i -= 1
        if i < 0 or cue.norm_start - found[i].norm_end > PATRON_WINDOW:
            continue
        client = found[i]
        if client.actor is not None and client.actor.actor_id not in cues.clients:
            continue
        if not _adjective_gap(_WORD_RE.findall(nt.text, client.norm_end, cue.norm_start), cues.gap_words):
            continue
        after = _WORD_RE.findall(nt.text, cue.norm_end, min(len(nt.text), cue.norm_end + 12))
        if after and after[0] in cues.pronouns:  # "الميليشيات الموالية لها": the actor named before
            patron = next((found[k] for k in range(i - 1, -1, -1) if found[k].actor is not None), None)
            end, norm_end = cue.end, cue.norm_end
        elif j < len(found) and found[j].actor is not None and _PATRON_GAP_RE.match(
                nt.text[cue.norm_end:found[j].norm_start]):
            patron = found[j]
            end, norm_end = patron.end, patron.norm_end
            dropped.add(j)
        elif (named := _patron_name(nt, cue.norm_end, cues.names)) is not None:
            patron = _Found(actors[named[0]], "name", 0, 0, 0, 0)
            norm_end = named[1]
            end = nt.span_to_original(cue.norm_end, norm_end)[1]
        else:
            continue
        proxy = proxies.get(patron.actor.actor_id) if patron is not None else None
        if proxy is None:
            dropped.discard(j)
            continue
        k = i - 1  # "الفصائل السورية المعارضة المدعومة من تركيا": a generic head before the client, adjectives between
        if k >= 0 and k not in dropped and k not in replaced and (
                found[k].actor is None or found[k].actor.actor_id in cues.clients) and _adjective_gap(
                    _WORD_RE.findall(nt.text, found[k].norm_end, client.norm_start), cues.gap_words):
            dropped.add(i)
            client = found[k]
            i = k
        replaced[i] = _Found(actors[proxy], "name", client.start, end, client.norm_start, norm_end)
        spans.append((client.norm_start, norm_end))
    out = [replaced.get(k, f) for k, f in enumerate(found) if k not in dropped]
    return [f for f in out if f.actor is not None], spans


_BACKER_SIDES = frozenset({"international", "turkey"})  # states that back others together ("تركيا وقطر")


def find_actors(text: str, nt: NormalizedText | None = None) -> list[ActorMention]:
    """Actor mentions in ``text`` (spans in the original text), sorted by start."""
    if not text:
        return []
    nt = nt or normalized(text)  # the document's one cached normalization
    found, proxy_spans = _apply_proxies(nt, _resolve(nt))
    cue_matcher, window = _cue_matcher()
    cues = [c for c in cue_matcher.find(nt) if not any(a <= c.norm_start < b for a, b in proxy_spans)]
    supporter_idx: set[int] = set()
    first = 0
    for cue in cues:
        prev_end = None
        while first < len(found) and found[first].norm_start < cue.norm_end:
            first += 1
        for i in range(first, len(found)):
            hit = found[i]
            if prev_end is None:
                if hit.norm_start - cue.norm_end > window or (cue.payload == "supported" and len(_WORD_RE.findall(
                        nt.text, cue.norm_end, hit.norm_start)) > _supported_window()):
                    break
                supporter_idx.add(i)
                prev_end = hit.norm_end
                continue
            # actors coordinated with the first supporter ("من روسيا وإيران"); one of another side opens the
            # other member of a pair ("بين قوات النظام المدعومة روسيا والفصائل ...")
            if _JOINER_RE.match(nt.text[prev_end:hit.norm_start]) and hit.norm_start - prev_end <= 4 and (
                    hit.actor.side == found[i - 1].actor.side or {hit.actor.side, found[i - 1].actor.side}
                    <= _BACKER_SIDES):
                supporter_idx.add(i)
                prev_end = hit.norm_end
                continue
            break
    return [ActorMention(actor=f.actor, surface=text[f.start:f.end], start=f.start, end=f.end,
                         role_hint="supporter" if i in supporter_idx else "", kind=f.kind)
            for i, f in enumerate(found)]
