"""Word forms generated from lemma entries of the YAML lexicons (one lemma, one form class).

A lexicon lists a lemma once with its class instead of every inflection:

- ``fixed``: the form as written.
- ``noun``: a noun, or a noun with its adjectives ("غارة جوية"): every word agrees. Gives the
  definite form (الغارة الجوية), the accusative (قصفا مدفعيا), the dual (غارتين جويتين) and,
  for a word in ة, its construct stem with attached pronouns (غارتها، سيطرته).
- ``verb``: a past-tense stem ("قصف"), optionally with its imperfect after a slash ("أطلق/يطلق").
  Without one the imperfect is derived: ي + the stem, a leading hamza or alef dropped (أسقط →
  يسقط، استهدف → يستهدف، سيطر → يسيطر); a final ى or ا (ألقى، دعا) takes the defective past
  endings (ألقت، ألقوا). Regular past endings and object pronouns are matched as suffixes by
  :mod:`core.extract.lexmatch`; the forms given here are those suffixes cannot reach.
- ``nisba``: a relational adjective in the masculine ("روسي"): feminine, definite, plurals, duals.
- ``dual``: the definite dual of a noun only ("رئيس" → الرئيسان، الرئيسين).
- ``masdar``: the verbal noun of a derived verb given by its past stem, then its noun forms: form IV
  أفعل → إفعال (أسقط → إسقاط), VII انفعل → انفعال (انسحب), VIII افتعل → افتعال (اقتحم), X استفعل →
  استفعال (استهدف); hollow ones take ة (استعاد → استعادة، أقام → إقامة), defective ones ء (أخلى → إخلاء),
  form V تفعّل is its own noun (توغل), a quadriliteral takes ة (سيطر → سيطرة). "past=masdar" names an
  irregular one ("قصف=قصف").

Hamza seats: a medial ؤ is also written ئ (مسؤول، مسئول); alef seats (أ إ آ ا), ى/ي and ة/ه are
unified by :func:`core.text.normalize` before matching, so they need no variants here.

A lemma may be a gap pattern ("شن … غارات|هجوما"): the class applies to its head (the part before the
first gap marker); the rest is matched as written (see :mod:`core.extract.lexmatch`).
"""

from __future__ import annotations

from collections.abc import Iterable

GAP = "…"
CLASSES = ("fixed", "noun", "verb", "nisba", "dual", "masdar")
PRONOUNS = ("ه", "ها", "هم", "هما")
_NO_ACCUSATIVE_ENDINGS = ("ة", "ا", "ى", "ء", "ات", "ين", "ون")
_PREFIXED = ("ال", "بال", "لل", "وال", "فال", "كال")


def _definite(word: str) -> str:
    if word.startswith(_PREFIXED) or word[:1].isdigit():
        return word
    return "ال" + word


def _accusative(word: str) -> str:
    if word.startswith(_PREFIXED) or word.endswith(_NO_ACCUSATIVE_ENDINGS) or word[:1].isdigit():
        return word
    return word + "ا"


def _dual(word: str, oblique: bool) -> str:
    ending = "ين" if oblique else "ان"
    if word.endswith("ة"):
        return word[:-1] + "ت" + ending
    return word + ending


def dual_forms(word: str, *, oblique: bool = True) -> list[str]:
    """The nominative dual (جنديان، طفلتان) and, unless ``oblique`` is False, the oblique one (جنديين)."""
    return [_dual(word, False)] + ([_dual(word, True)] if oblique else [])


def noun_forms(lemma: str) -> list[str]:
    words = lemma.split()
    forms = [lemma, " ".join(_definite(w) for w in words)]
    if not words[0].startswith(_PREFIXED):
        forms.append(" ".join(_accusative(w) for w in words))
        if not words[0].endswith(("ات", "ون", "ين")):  # singulars only
            for oblique in (False, True):
                dual = [_dual(w, oblique) for w in words]
                forms += [" ".join(dual), " ".join(_definite(w) for w in dual)]
    if len(words) == 1 and lemma.endswith("ة"):
        forms += [lemma[:-1] + "ت" + p for p in PRONOUNS]  # غارتها، سيطرته
    return forms


def _imperfect_of(past: str) -> str:
    stem = past[1:] if past[:1] in "أإآا" else past
    return "ي" + stem


def verb_forms(lemma: str) -> list[str]:
    past, _, imperfect = lemma.partition("/")
    past = past.strip()
    imperfect = imperfect.strip() or _imperfect_of(past)
    forms = [past]
    if past.endswith(("ى", "ا")) and len(past) > 2:  # defective: ألقى → ألقت، ألقتا، ألقوا
        base = past[:-1]
        forms += [base + "ت", base + "تا", base + "وا", base + "يا"]
    i_stem = imperfect[1:]
    forms += [imperfect, "ت" + i_stem]
    if not imperfect.endswith(("ى", "ي", "و", "ا")):
        forms += [imperfect + "ون", imperfect + "ان", "ت" + i_stem + "ان"]
    return forms


def masdar_of(past: str) -> str:
    """The verbal noun of a derived verb (see the module docstring); "past=masdar" gives it as written."""
    past, eq, given = past.partition("=")
    if eq:
        return given.strip()
    past = past.strip()
    defective = past.endswith(("ى", "ا")) and past[-2:-1] != "ا"
    if past.startswith("است") and len(past) == 6:  # X: استهدف → استهداف; استعاد (hollow) → استعادة
        if defective:  # استدعى → استدعاء
            return past[:-1] + "اء"
        if past[4] == "ا":
            return past + "ة"
        return past[:5] + "ا" + past[5:]
    if past[:1] in "أإ" and len(past) == 4:  # IV: أسقط → إسقاط; أخلى → إخلاء; أقام → إقامة
        if defective:
            return "إ" + past[1:3] + "اء"
        if past[2] == "ا":
            return "إ" + past[1] + "ا" + past[3] + "ة"
        return "إ" + past[1:3] + "ا" + past[3:]
    if past[:1] == "ا" and len(past) == 5:  # VII انسحب → انسحاب, VIII اقتحم → اقتحام
        return past[:4] + "ا" + past[4:]
    if past[:1] == "ت" and len(past) == 4:  # V: توغل, تقدم
        return past
    if len(past) == 4:  # quadriliteral: سيطر → سيطرة
        return past + "ة"
    raise ValueError(f"no regular verbal noun for {past!r}: write it as 'past=masdar'")


def nisba_forms(lemma: str) -> list[str]:
    fem = lemma + "ة"
    forms = [lemma, fem, lemma + "ين", lemma + "ون", lemma + "ات", lemma + "ان", fem[:-1] + "تان", fem[:-1] + "تين"]
    return forms + [_definite(f) for f in forms]


def _hamza_variants(form: str) -> list[str]:
    if "ؤ" in form[1:]:
        return [form, form[0] + form[1:].replace("ؤ", "ئ")]
    return [form]


def expand(lemma: str, form_class: str = "fixed") -> list[str]:
    """Every surface form of ``lemma`` in ``form_class`` (the lemma first; no duplicates)."""
    if form_class not in CLASSES:
        raise ValueError(f"unknown form class {form_class!r} (one of {', '.join(CLASSES)})")
    lemma = " ".join(lemma.split())
    head, gap, rest = lemma.partition(GAP)
    head = head.strip()
    if form_class == "noun":
        heads = noun_forms(head)
    elif form_class == "verb":
        heads = verb_forms(head)
    elif form_class == "nisba":
        heads = nisba_forms(head)
    elif form_class == "masdar":
        heads = noun_forms(masdar_of(head))
    elif form_class == "dual":
        heads = [_definite(_dual(head, oblique)) for oblique in (False, True)]
    else:
        heads = [head.partition("/")[0].strip()]
    out: dict[str, None] = {}
    for h in heads:
        for v in _hamza_variants(h):
            out[f"{v} {gap}{rest}" if gap else v] = None
    return list(out)


def expand_all(lemmas: Iterable[str], form_class: str) -> list[str]:
    out: dict[str, None] = {}
    for lemma in lemmas:
        for form in expand(str(lemma), form_class):
            out[form] = None
    return list(out)


def entry_forms(entry: dict, default_class: str) -> list[str]:
    """The surface forms of a lexicon entry: its ``forms`` as written, then its ``lemmas`` expanded in its
    ``class`` (``default_class`` when the entry names none)."""
    out: dict[str, None] = dict.fromkeys(str(f) for f in entry.get("forms") or [])
    for form in expand_all(entry.get("lemmas") or [], entry.get("class", default_class)):
        out[form] = None
    return list(out)


_PARTICIPLE_ENDINGS = ("", "ة", "ا", "ين", "ون", "ات", "ان", "تين", "تان")


def participle_forms(lemma: str) -> list[str]:
    """Every gender, number and case form of a masculine participle, bare and definite ("مدعوم" → المدعومين)."""
    head, _, rest = lemma.partition(" ")
    forms = [head + ending for ending in _PARTICIPLE_ENDINGS]
    forms += ["ال" + f for f in forms]
    return [f"{f} {rest}".strip() for f in forms]
