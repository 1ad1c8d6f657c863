"""Who did it, round 6: the two sides of "بين X وY من جهة وZ من جهة أخرى" (an ally or an air force named with the
first side fights beside it, never against it), and victims named after an intransitive or passive casualty verb
("أصيب"، "لقي"، "استشهد") are the target of the strike that hit them, with their nationality kept."""

from functools import partial

import pytest

from tests.sentences import events_of

_events = partial(events_of, published="2021-03-10")


def _sides(text):
    return [(e.type, e.actor1, e.actor2) for e in _events(text)]


@pytest.mark.parametrize("text, first_side, other", [
    ("تواصلت المعارك بين فصائل المعارضة والقوات التركية من جهة وقوات النظام من جهة أخرى في محيط بلدة سراقب.",
     ("opposition", "turkey"), "syrian_government"),
    ("جرت مواجهات بين قوات النظام والقوات الروسية من طرف ومقاتلي هيئة تحرير الشام من طرف آخر قرب سراقب.",
     ("syrian_government", "russia"), "hts"),
    ("دارت اشتباكات بين الوحدات الكردية وطائرات التحالف من ناحية، وتنظيم الدولة من ناحية ثانية قرب بلدة سراقب.",
     ("sdf", "usa"), "isis"),
])
def test_first_side_closed_by_min_jiha_keeps_its_ally_out_of_the_target(text, first_side, other):
    (kind, a1, a2), = _sides(text)
    assert (kind, a2) == ("armed_clash", other) and a1 in first_side


def test_a_direction_after_min_jiha_does_not_close_a_side():
    (kind, a1, a2), = _sides("وقعت اشتباكات بين هيئة تحرير الشام من جهة الشمال وقوات النظام قرب سراقب.")
    assert (kind, a1, a2) == ("armed_clash", "hts", "syrian_government")


@pytest.mark.parametrize("text, agent, victims", [
    ("أصيب جنديان روسيان بقصف صاروخي لفصائل المعارضة على ريف حماة.", "opposition", "russia"),
    ("أصيب جندي تركي اليوم بقذائف لقوات النظام على نقطة قرب سراقب.", "syrian_government", "turkey"),
    ("استشهد جندي تركي بقصف مدفعي لقوات النظام على ريف إدلب.", "syrian_government", "turkey"),
])
def test_victims_after_a_passive_casualty_verb_are_the_target(text, agent, victims):
    rows = [r for r in _sides(text) if r[0] in ("shelling", "airstrike")]
    assert rows and all((a1, a2) == (agent, victims) for _, a1, a2 in rows)


def test_members_who_met_their_death_by_a_mine_are_its_target_not_its_agent():
    (kind, a1, a2), = _sides("لقي ثلاثة عناصر من حزب الله حتفهم بانفجار لغم أرضي قرب بلدة سراقب.")
    assert (kind, a1, a2) == ("bombing", None, "hezbollah")


def test_an_active_feminine_verb_still_gives_the_agent():
    rows = _sides("قتلت قوات النظام ثلاثة مدنيين بقصف مدفعي على بلدة سراقب.")
    assert rows and rows[0][1] == "syrian_government"


@pytest.mark.parametrize("text, other", [
    ("سيطر الجيش السوري فجر السبت وميليشيات لواء فاطميون على قرية الحاضر إثر تراجع عناصر هيئة تحرير الشام عنها.",
     "hts"),
    ("دخلت قوات النظام أمس وميليشيات حزب الله بلدة كفرنبل إثر انسحاب فصائل المعارضة.", "opposition"),
])
def test_an_ally_joined_to_the_agent_after_a_time_is_no_target(text, other):
    rows = [r for r in _sides(text) if r[0] == "territory_taken"]
    assert rows and all((a1, a2) == ("syrian_government", other) for _, a1, a2 in rows)


def test_an_ally_after_a_bracketed_agent_is_no_target():
    rows = _sides("أصيب مدنيان جراء قصف (الاحتلال التركي) ومرتزقته على قرية في ريف تل تمر.")
    assert rows and all((a1, a2) != ("turkey", "sna") for _, a1, a2 in rows)
