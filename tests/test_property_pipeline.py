"""Property-based test: random Unicode through the whole pipeline (ingest → extraction → table → highlight).

Hypothesis draws 300 inputs per run (``max_examples``, derandomized so a failure reproduces): Arabic words
and letters, mixed scripts, digits (Arabic-Indic too), punctuation, control and invisible format characters,
HTML-ish fragments and very long lines, as text and as bytes, with random publication dates. No input may
crash, and every row must pass the table's schema.
"""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.extract.ingest import document_from_text
from core.extract.pipeline import extract_documents
from core.views.highlight import document_mentions, highlight_html
from core.views.sources import source_view

EXAMPLES = 300
WORDS = ["قصفت", "قوات", "النظام", "سراقب", "أريحا", "غارات", "جوية", "على", "مدينة", "بلدة", "أمس", "اليوم",
         "الاثنين", "مقتل", "ثلاثة", "مدنيين", "سيطرت", "قرية", "كفرنوران", "طائرة", "مسيرة", "تركية", "فصائل",
         "المعارضة", "ريف", "إدلب", "الجنوبي", "حلب", "اشتباكات", "بين", "و", "في", "من", "عام", "9999", "٢٠٢٠",
         "2020-02-30", "<p>", "</div>", "<script>", "![x](http://e/i.png)", "$x$", "=1+1", "\u202e", "\u200b",
         "\u00ad", "\ufeff", "\x00", "\x07", "\r", "\t", "\n", ".", "،", "؟", "!", ":", "«", "»", "Saraqib", "M5",
         "🚀", "𝔘", "\ud7ff", "ـــ", "ً", "ّ"]
piece = st.one_of(st.sampled_from(WORDS), st.text(min_size=1, max_size=6),
                  st.text(alphabet=st.characters(min_codepoint=0x0600, max_codepoint=0x06FF), min_size=1, max_size=8))
texts = st.one_of(
    st.lists(piece, max_size=80).map(" ".join),
    st.lists(piece, min_size=1, max_size=8).map(lambda p: " ".join(p) * 400),  # very long lines
    st.text(max_size=400),
)
dates = st.one_of(st.none(), st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)).map(str),
                  st.text(max_size=12))


@settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(text=texts, as_bytes=st.booleans(), published=dates, outlet=st.text(max_size=30))
def test_random_unicode_never_crashes_and_every_row_passes_the_schema(text, as_bytes, published, outlet):
    raw = text.encode("utf-8", "surrogatepass") if as_bytes else text
    doc, issues = document_from_text("prop", raw, published=published, outlet=outlet, url=outlet, title=outlet)
    assert all(i.message and "\n" not in i.message for i in issues)  # one line each
    issues = []
    df = extract_documents([doc], issues=issues)  # validated against the schema inside
    assert not issues, issues
    assert ((df["char_start"] >= 0) & (df["char_end"] <= len(doc.text))).all()
    mentions = document_mentions(doc)
    body = highlight_html(doc.text, mentions.highlights)
    assert "<script" not in body and "<p>" not in body
    source_view(doc, df)
