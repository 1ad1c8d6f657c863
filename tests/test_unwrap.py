"""Hard-wrapped text (a line break every 60-100 characters inside sentences) is read as flowing text.

Sentences written for these tests (never copied from an article)."""

from core.extract.events import extract_events
from core.extract.ingest import document_from_text
from core.extract.segment import segment, unwrap_lines

# one sentence wrapped at ~70 characters: the trigger and agent on the first line, target and place on the second
WRAPPED = [
    "قصفت القوات التركية صباح اليوم بالمدفعية الثقيلة والصواريخ الموجهة",
    "مواقع لقوات النظام في مدينة سراقب بريف إدلب الشرقي، بحسب ما أفاد",
    "ناشطون من المنطقة في تصريحات متطابقة لوسائل إعلام محلية مساء اليوم.",
]


def _events(text):
    doc, _ = document_from_text("wrap", text, published="2020-02-12")
    return extract_events(doc)


def test_unwrap_keeps_length_and_turns_wrapped_breaks_into_spaces():
    text = "\n".join(WRAPPED)
    flowed = unwrap_lines(text)
    assert len(flowed) == len(text)
    assert "\n" not in flowed and flowed == " ".join(WRAPPED)
    assert len(segment(flowed).sentences) == 1
    assert len(segment(text).sentences) == 3  # read line by line, the sentence falls apart


def test_event_found_across_the_wrap_with_original_offsets():
    text = "\n".join(WRAPPED)
    events = _events(text)
    assert [(e.type, e.actor1, e.actor2, e.pcode) for e in events] == [
        ("shelling", "turkey", "syrian_government", "C3916")]
    flowing = _events(" ".join(WRAPPED))
    assert [(e.char_start, e.char_end) for e in events] == [(e.char_start, e.char_end) for e in flowing]
    e = events[0]
    assert text[e.char_start:e.char_end].split() == e.evidence.split()


def test_short_title_line_stays_its_own_paragraph():
    title = "تصعيد جديد في ريف إدلب"
    text = "\n".join([title, *WRAPPED])
    seg = segment(unwrap_lines(text))
    assert seg.paragraphs[0].text == title
    assert len(seg.paragraphs) == 2 and len(seg.sentences) == 2


def test_boundaries_kept_in_wrapped_text():
    # a dateline, an empty line, a line ending a sentence and list items keep their breaks
    text = "\n".join([
        "إدلب - خاص",
        *WRAPPED[:2],
        "ناشطون من المنطقة.",
        "",
        "وتحدث سكان من البلدات المجاورة عن حركة نزوح واسعة باتجاه الحدود",
        "الشمالية خلال الساعات الماضية بسبب تواصل القصف على القرى والبلدات",
        "- نزوح عشرات العائلات من البلدات القريبة",
        "- انقطاع الكهرباء عن الأحياء الشرقية",
    ])
    flowed = unwrap_lines(text)
    assert len(flowed) == len(text)
    lines = flowed.split("\n")
    assert lines[0] == "إدلب - خاص"
    assert lines[1] == " ".join([*WRAPPED[:2], "ناشطون من المنطقة."])
    assert lines[2] == ""
    assert lines[3].endswith("والبلدات") and lines[4].startswith("- ") and lines[5].startswith("- ")


def test_unwrapped_paragraph_lines_are_left_alone():
    # long paragraphs, one per line, some without a final stop: not a wrapped text
    para = " ".join(WRAPPED).rstrip(".")
    text = "\n".join([para, para + " وسط تحليق مكثف لطيران الاستطلاع في أجواء المنطقة", para])
    assert unwrap_lines(text) == text
