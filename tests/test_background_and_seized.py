"""Did it happen: the fighting a period ago that led up to the news ("بعد أشهر من القصف") and weapons that were
seized, not fired ("استولوا على صواريخ وقذائف") are no events of their own, nor is the advance people fled
from ("هربا من تقدم") a capture (hand-written sentences)."""

from core.extract.events import extract_events
from core.extract.ingest import document_from_text


def _map_types(text):
    doc, _ = document_from_text("mine", text, published="2020-02-12")
    return sorted(e.type for e in extract_events(doc) if e.layer in ("strike", "ground", "advance"))


def test_months_of_fighting_before_a_capture_are_background():
    assert _map_types("دخلت قوات النظام مدينة خان شيخون اليوم عقب عدة أشهر من المعارك الطاحنة.") == [
        "territory_taken"]
    assert _map_types("سيطرت قوات النظام على مدينة سراقب اليوم بعد شهور من الحصار والقصف المدفعي.") == ["territory_taken"]


def test_a_period_span_of_two_nouns_is_background_too():
    assert not _map_types("وقالت المنظمة إن بلدة معرشورين صارت خالية بعد ثلاثة أسابيع من الغارات العنيفة والقصف.")


def test_a_fight_of_the_day_after_a_day_stays():
    # a single day recalls a dated event; and a fight told with its own verb is news, whatever came before
    assert "shelling" in _map_types("قصفت قوات النظام بلدة سرمين بعد يوم من الغارات على المدينة.")
    assert "armed_clash" in _map_types(
        "اندلعت اشتباكات عنيفة في بلدة النيرب بعد أسابيع من الهدوء بين قوات النظام والفصائل.")


def test_seized_weapons_are_objects_not_a_shelling():
    assert _map_types("سيطر مقاتلو المعارضة على بلدة تفتناز واغتنموا ثلاث دبابات وكميات من الصواريخ والقذائف.") == [
        "territory_taken"]
    assert not _map_types("ضبطت الشرطة في بلدة الدانا مستودعا يضم ذخائر وقذائف هاون.")


def test_fired_weapons_still_make_a_shelling():
    assert "shelling" in _map_types("سقطت قذائف هاون على بلدة سرمين صباح اليوم مصدرها قوات النظام.")
    assert "shelling" in _map_types("استهدفت قوات النظام بلدة سرمين بقذائف المدفعية بعد أن استولت على تلة قريبة.")


def test_days_of_shelling_behind_a_flight_are_background():
    assert _map_types("نزح السكان من مدينة أريحا بعد أيام من القصف المتواصل على أحيائها.") == []


def test_fleeing_from_an_advance_is_no_capture():
    assert _map_types("فر مسلحو التنظيم من بلدة الدانا مع أسرهم هرباً من تقدم قوات سوريا الديمقراطية.") == []
    assert _map_types("تحصنت الفصائل في بلدة النيرب تحسبا لاقتحامها من قبل قوات النظام.") == []
    # the capture told with its own verb stays, whoever fled
    assert _map_types("سيطرت قوات النظام على مدينة أريحا بعد فرار المسلحين منها.") == ["territory_taken"]


def test_a_capture_a_week_before_is_a_recalled_event():
    assert "territory_taken" in _map_types(
        "ووصلت التعزيزات إلى بلدة النيرب بعد أسبوع من سيطرة قوات النظام على مدينة سراقب.")


def test_counts_of_tens_are_read_like_units():
    # the cardinals come from number_words.yaml (tens too), no list of their own in the cue lexicon
    assert not _map_types("وقالت المنظمة إن بلدة معرشورين صارت خالية بعد عشرين سنة من الغارات والقصف.")
    assert _map_types("سيطر مقاتلو المعارضة على بلدة تفتناز واغتنموا عشرين دبابة وكميات من القذائف.") == [
        "territory_taken"]


def test_years_of_siege_after_a_capture_date_the_siege_not_the_capture():
    assert _map_types("دخلت قوات النظام بلدة حيش إثر سنوات من الحصار.") == ["territory_taken"]
    assert _map_types("شهدت بلدة حيش معارك متفرقة خلال السنوات الماضية.") == []
