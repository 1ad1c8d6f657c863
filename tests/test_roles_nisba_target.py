"""A nationality adjective on the object of a strike names the target's side, never the agent (sentences written
for these tests)."""

from functools import partial

from tests.sentences import events_of

_events = partial(events_of, published="2020-02-12")


def _strike(text):
    return [e for e in _events(text) if e.layer == "strike"][0]


def test_nisba_on_the_object_vehicle_or_post_is_the_target():
    for text in ("قصفت قوات النظام عربات عسكرية تركية قرب مدينة سراقب.",
                 "استهدفت قوات النظام رتلاً عسكرياً تركياً على أطراف بلدة سرمين.",
                 "استهدفت قوات الحكومة مدرعات تركية قرب مدينة سراقب.",
                 "قصفت قوات النظام النقطة التركية في بلدة مورك.",
                 "قوات النظام تقصف قاعدة تركية قرب مدينة سراقب.",
                 "استهدف الجيش السوري جنودا تركيين قرب مدينة سراقب."):
        e = _strike(text)
        assert (e.actor1, e.actor2) == ("syrian_government", "turkey"), text


def test_nisba_on_a_patrol_or_base_after_the_strike_is_the_target():
    e = _strike("هاجمت فصائل المعارضة بقذائف الهاون دورية روسية على طريق حلب اللاذقية.")
    assert (e.actor1, e.actor2) == ("opposition", "russia")
    e = _strike("استهدفت قسد بالصواريخ دورية أمريكية في ريف الحسكة.")
    assert (e.actor1, e.actor2) == ("sdf", "usa")
    e = _strike("طال القصف صباح اليوم نقطة تركية في بلدة مورك.")
    assert (e.actor1, e.actor2) == (None, "turkey")
    e = _strike("غارات جوية على المواقع التركية قرب مدينة سراقب.")
    assert (e.actor1, e.actor2) == (None, "turkey")


def test_projectiles_named_with_their_owner_are_the_subject():
    # the shells or rockets of a party, subject of the target verb, name the agent: their owner is no target
    e = _strike("استهدفت قذائف النظام رتلا تركيا قرب مدينة سراقب.")
    assert (e.actor1, e.actor2) == ("syrian_government", "turkey")
    e = _strike("طالت صواريخ قوات النظام مواقع تركية في محيط سراقب.")
    assert e.actor1 == "syrian_government" and e.actor2 != "syrian_government"


def test_a_nisba_after_the_weapon_and_a_struck_object_is_the_target():
    # the weapon named first, then the struck vehicles: the adjective is the vehicles', not the weapon's
    e = _strike("قصفت الفصائل بالمدفعية الثقيلة المدرعات الروسية قرب كفرنبل.")
    assert (e.actor1, e.actor2) == ("opposition", "russia")
    e = _strike("قصف صاروخي على القاعدة التركية قرب مدينة سراقب.")
    assert e.actor2 == "turkey"
    # a nisba on the weapon itself stays no party
    e = _strike("قصفت قوات النظام بلدة كفرنبل بصواريخ غراد الروسية.")
    assert e.actor2 != "russia"


def test_the_owner_of_a_struck_object_after_a_strike_noun_is_the_target():
    # "<strike noun> <object> ل<party>": the party owns the object hit, it did not strike
    e = _strike("استهدف هجوم انتحاري قافلة للجيش الأمريكي في ريف الحسكة.")
    assert (e.actor1, e.actor2) == (None, "usa")
    e = _strike("استهدفت ضربة جوية مقرا للقوات التركية قرب مدينة سراقب.")
    assert e.actor1 != "turkey" and e.actor2 == "turkey"
    e = _strike("انفجرت عبوة ناسفة بدورية للشرطة العسكرية الروسية قرب أريحا.")
    assert e.actor1 != "russia"


def test_a_nisba_on_the_strike_noun_after_a_casualty_is_the_agent():
    # "<victims> ب<strike noun> <nisba>": the nisba qualifies the strike (its agent), not the victims
    e = _strike("قتلت امرأة بقصف تركي بالمدفعية على مدينة القامشلي.")
    assert (e.actor1, e.actor2) == ("turkey", None)
    e = _strike("مقتل جندي تركي بقصف لقوات النظام في سراقب.")
    assert (e.actor1, e.actor2) == ("syrian_government", "turkey")
