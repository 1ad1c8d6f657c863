"""Cross-document grouping: same layer, dates within a day, places within 5 km, compatible actors."""

from core.extract.events import extract_events
from core.extract.groups import assign_groups
from core.extract.ingest import document_from_text
from core.table.store import events_to_frame


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


def _brute_force_partition(df):
    """Connected components of ``same_event`` over all pairs (the definition the buckets implement)."""
    from core.extract.groups import _events, same_event

    events, row_event = _events(df)
    parent = list(range(len(events)))

    def find(k):
        while parent[k] != k:
            k = parent[k]
        return k

    for i in range(len(events)):
        for j in range(i + 1, len(events)):
            if same_event(events[i], events[j]):
                parent[max(find(i), find(j))] = min(find(i), find(j))
    return [find(j) for j in row_event]


def _same_partition(a, b):
    pairs = set(zip(a, b, strict=True))
    return len(pairs) == len(set(a)) == len(set(b))


def test_buckets_give_the_same_groups_as_all_pairs():
    import random

    import pandas as pd

    from core.table.schema import coerce_types

    rng = random.Random(3)
    points = [(35.82, 36.84), (35.83, 36.85), (35.86, 36.80), (35.93, 36.63), (36.20, 37.10), (None, None)]
    rows = []
    for i in range(160):
        lat, lon = rng.choice(points)
        layer, etype = rng.choice([("strike", "shelling"), ("strike", "airstrike"), ("ground", "armed_clash"),
                                   ("other", "statement"), ("other", "diplomacy")])
        actor = rng.choice(["turkey", "russia", "syrian_government", None])
        side = {"turkey": "turkey", "russia": "pro-government", "syrian_government": "pro-government"}.get(actor)
        rows.append(dict(event_id=f"e{i}", doc_id=f"d{rng.randint(0, 12)}", type=etype, layer=layer,
                         date=f"2020-02-{rng.randint(10, 13)}", char_start=rng.choice([0, 50, 120]),
                         actor1=actor, actor1_side=side, lat=lat, lon=lon,
                         admin1_pcode=rng.choice(["SY07", "SY02", None]) if lat is None else "SY07"))
    df = coerce_types(pd.DataFrame(rows))
    grouped = assign_groups(df)
    assert _same_partition(list(grouped["group_id"]), _brute_force_partition(df))
    assert 1 < grouped["group_id"].nunique() < len(df)
