"""Cross-document grouping: same layer, dates within a day, places within 5 km, compatible actors."""

from core.events import extract_events
from core.groups import assign_groups
from core.ingest import document_from_text
from core.store import events_to_frame


def _table(*docs):
    events = []
    for i, (text, published) in enumerate(docs):
        doc, _ = document_from_text(f"doc{i}", text, published=published)
        events.extend(extract_events(doc))
    return assign_groups(events_to_frame(events))


def _group_count(df):
    return df["group_id"].nunique()


def test_two_reports_of_one_strike_share_a_group():
    df = _table(("قصفت القوات التركية مواقع لقوات النظام في مدينة سراقب أمس.", "2020-02-12"),
                ("المدفعية التركية تقصف مدينة سراقب وتستهدف مواقع قوات النظام اليوم.", "2020-02-11"))
    assert df["doc_id"].nunique() == 2
    assert _group_count(df) == 1


def test_rows_of_one_report_share_a_group():
    df = _table(("قصفت قوات النظام أمس بلدتي سرمين وآفس.", "2020-02-12"))
    assert len(df) == 2 and _group_count(df) == 1


def test_different_sides_dates_places_or_layers_stay_apart():
    base = ("قصفت القوات التركية مدينة سراقب أمس.", "2020-02-12")
    assert _group_count(_table(base, ("قصفت قوات النظام مدينة سراقب أمس.", "2020-02-12"))) == 2  # other side
    assert _group_count(_table(base, ("قصفت القوات التركية مدينة سراقب أمس.", "2020-02-20"))) == 2  # 8 days
    assert _group_count(_table(base, ("قصفت القوات التركية مدينة كفرنبل أمس.", "2020-02-12"))) == 2  # ~30 km
    assert _group_count(_table(base, ("سيطرت القوات التركية على مدينة سراقب أمس.", "2020-02-12"))) == 2  # layer


def test_unknown_agent_is_compatible():
    df = _table(("قصفت القوات التركية مدينة سراقب أمس.", "2020-02-12"),
                ("تعرضت مدينة سراقب لقصف مدفعي عنيف أمس أدى إلى مقتل ثلاثة عناصر.", "2020-02-12"))
    assert _group_count(df) == 1


def test_empty_frame():
    df = assign_groups(events_to_frame([]))
    assert df.empty and "group_id" in df.columns
