"""Segmentation into paragraphs, sentences and clauses (own example sentences)."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.extract.segment import Segment, clauses, paragraphs, segment, sentences

CORPUS = Path(__file__).resolve().parents[1] / "data" / "corpus"


def texts(segs: list[Segment]) -> list[str]:
    return [s.text for s in segs]


def assert_exact(text: str, segs: list[Segment]) -> None:
    for s in segs:
        assert text[s.start:s.end] == s.text


def test_paragraphs_are_non_blank_lines() -> None:
    text = "عنوان الخبر\n\n  قصفت الطائرات بلدة سرمين.  \n \nوقال المرصد إن القصف استمر.\n"
    paras = paragraphs(text)
    assert texts(paras) == ["عنوان الخبر", "قصفت الطائرات بلدة سرمين.", "وقال المرصد إن القصف استمر."]
    assert [p.paragraph for p in paras] == [0, 1, 2]
    assert_exact(text, paras)


def test_sentences_split_at_arabic_and_latin_punctuation() -> None:
    text = "هل توقف القصف؟ لا، استمرت الغارات! وقال الدفاع المدني إن الحصيلة ارتفعت. انتهى"
    assert texts(sentences(text)) == ["هل توقف القصف؟", "لا، استمرت الغارات!", "وقال الدفاع المدني إن الحصيلة ارتفعت.",
                                      "انتهى"]


def test_dot_without_space_and_decimal_point() -> None:
    text = "تقدمت القوات نحو البلدة.وأدى القصف إلى نزوح 2.5 مليون شخص"
    assert texts(sentences(text)) == ["تقدمت القوات نحو البلدة.", "وأدى القصف إلى نزوح 2.5 مليون شخص"]


def test_closing_quote_stays_with_its_sentence() -> None:
    text = "قال المتحدث «يجب أن يتوقف القتال.» ثم غادر القاعة"
    sents = texts(sentences(text))
    assert sents[0].endswith("القتال.»")
    assert sents[1] == "ثم غادر القاعة"


def test_run_on_text_splits_before_waw_plus_reporting_verb() -> None:
    # a new report inside a run-on sentence: a clause boundary (the sentence stays whole, as
    # context for the time and place of both clauses)
    text = ("بحث الرئيسان الوضع الميداني في ريف حماة الشمالي خلال لقاء مطول وأكدت مصادر مطلعة أن الاجتماع "
            "انتهى دون اتفاق")
    assert len(sentences(text)) == 1
    assert texts(clauses(text)) == ["بحث الرئيسان الوضع الميداني في ريف حماة الشمالي خلال لقاء مطول ",
                                    "وأكدت مصادر مطلعة أن الاجتماع انتهى دون اتفاق"]


def test_waw_plus_action_verb_does_not_split() -> None:
    # the attack and its casualties must stay in one sentence
    text = "استهدف الهجوم نقطة عسكرية قرب بلدة كفرنبل جنوب إدلب وأسفر عن مقتل ثلاثة جنود"
    assert len(sentences(text)) == 1
    assert len(clauses(text)) == 1


def test_reporting_verb_followed_by_particle_does_not_split() -> None:
    text = "أعرب المبعوث الأممي عن قلقه من تدهور الوضع في المنطقة وقال إن المدنيين يدفعون الثمن"
    assert len(clauses(text)) == 1


def test_short_lead_does_not_split() -> None:
    text = "في المقابل وأعلنت الوزارة أن الطريق أعيد فتحه"
    assert len(clauses(text)) == 1


def test_headline_star_starts_a_sentence() -> None:
    text = "انتهى الاجتماع دون نتائج . *قصف مدفعي تعرضت بلدة معرة حرمة لقصف مدفعي"
    sents = texts(sentences(text))
    assert sents[0] == "انتهى الاجتماع دون نتائج ."
    assert sents[1].startswith("*قصف مدفعي")


def test_dashed_aside_is_not_a_bullet() -> None:
    text = "نقلت الوكالة -عن مصدر عسكري- أن القوات تقدمت في محيط البلدة"
    assert len(sentences(text)) == 1


def test_clauses_split_at_joiners_and_semicolon() -> None:
    text = ("قصفت المدفعية قرية الحواش بينما شنت الطائرات غارات على بلدة الهبيط؛ في حين تصدت الفصائل لمحاولة "
            "تقدم كما أفاد ناشطون بنزوح عشرات العائلات")
    cls = clauses(text)
    assert_exact(text, cls)
    starts = [c.text.strip().split()[0] for c in cls]
    assert starts == ["قصفت", "بينما", "في", "كما"]
    assert cls[1].text == "بينما شنت الطائرات غارات على بلدة الهبيط؛ "
    assert "".join(texts(cls)) == text


def test_clauses_partition_each_sentence_exactly() -> None:
    text = ("سيطرت القوات على قرية تل طوقان، فيما انسحبت الفصائل نحو الغرب، حيث أنشأت خطوط دفاع جديدة.\n"
            "وقال مصدر إن المعارك مستمرة كما هو متوقع")
    segs = segment(text)
    for s in segs.sentences:
        own = [c for c in segs.clauses if c.sentence == s.sentence]
        assert "".join(c.text for c in own) == s.text
        assert own[0].start == s.start and own[-1].end == s.end
    # "كما هو" is not a joiner; "، حيث" is
    assert len([c for c in segs.clauses if c.sentence == 1]) == 1
    assert [c.text.split()[0] for c in segs.clauses if c.sentence == 0] == ["سيطرت", "فيما", "حيث"]


def test_comma_alone_does_not_split_clauses() -> None:
    text = "استهدفت الغارات قرى معرشمارين، وتلمنس، والغدفة، ومعرشورين في ريف إدلب"
    assert len(clauses(text)) == 1


def test_joiner_at_sentence_start_is_not_a_split() -> None:
    text = "كما قصفت الطائرات مدينة أريحا"
    assert len(clauses(text)) == 1


def test_fiima_yataallaq_is_not_a_joiner() -> None:
    text = "ناقش الطرفان الخلافات فيما يتعلق بالطريق الدولي"
    assert len(clauses(text)) == 1


def test_indices_are_consistent() -> None:
    text = "الخبر الأول. الخبر الثاني بينما يستمر القصف\nفقرة ثانية هنا"
    segs = segment(text)
    assert [s.sentence for s in segs.sentences] == list(range(len(segs.sentences)))
    assert [c.clause for c in segs.clauses] == list(range(len(segs.clauses)))
    assert segs.paragraphs[1].sentence == 2
    assert segs.sentences[1].clause == 1
    assert segs.sentence_of(text.index("يستمر")) == 1
    assert segs.clause_of(text.index("يستمر")) == 2
    assert segs.paragraph_of(text.index("ثانية")) == 1


def test_spans_survive_diacritics_and_tatweel() -> None:
    text = "قصفـت الطائراتُ البلدةَ. وقالَ المرصدُ إنّ القصف استمر"
    sents = sentences(text)
    assert_exact(text, sents)
    assert sents[0].text == "قصفـت الطائراتُ البلدةَ."
    assert sents[1].text == "وقالَ المرصدُ إنّ القصف استمر"


@pytest.mark.parametrize("text", ["", "   \n\n ", "...", "\u200f"])
def test_empty_and_punctuation_only(text: str) -> None:
    assert sentences(text) == []
    assert clauses(text) == []


def test_non_arabic_text() -> None:
    text = "Shelling hit the town. Talks resumed!"
    assert texts(sentences(text)) == ["Shelling hit the town.", "Talks resumed!"]


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.txt")), ids=lambda p: p.stem[:3])
def test_seed_texts_cover_all_words(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    segs = segment(text)
    assert_exact(text, list(segs.paragraphs) + list(segs.sentences) + list(segs.clauses))
    covered = "".join(s.text for s in segs.sentences)
    assert "".join(covered.split()) == "".join("".join(p.text for p in segs.paragraphs).split())
    for s in segs.sentences:
        assert "".join(c.text for c in segs.clauses if c.sentence == s.sentence) == s.text


@pytest.mark.parametrize("text", [
    "قصفت الطائرات البلدة وأفادت مصادر محلية بسقوط قتلى وقالت الدفاع المدني، إن فرقها تعمل",
    "وقالت: إن القصف استمر. وأكدت وأضافت وذكرت،وأشارت المصادر",
    "وقالتوقالت وقال وقالوا ",
    "",
])
def test_reporting_verb_scan_matches_its_regex(text):
    from core.extract.segment import _cues, _verb_spans, normalized

    norm = normalized(text).text
    cues = _cues()
    assert _verb_spans(norm, cues["verb_automaton"]) == [m.span() for m in cues["verb_re"].finditer(norm)]
