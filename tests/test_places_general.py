"""General place capabilities on sentences written for these tests (not news text): OCHA names qualified by their
district, short names that are part of a longer unknown name, list items the gazetteer lacks, words after a cue
that are no names, lists naming a common-noun member, launch sites of strikes and places that only describe
another place."""

from datetime import date

import pytest

from core.extract.events import extract_events
from core.extract.mentions.places import find_places
from core.geo import build
from core.geo.names import name_key, qualified_base
from core.model import Document

pytestmark = pytest.mark.skipif(not build.is_built(), reason="geodata not built: python -m core geodata build")


def by_surface(text):
    return {m.surface: m for m in find_places(text)}


def event_pcodes(text):
    return {r.pcode for r in extract_events(Document("g", text, published=date(2021, 3, 2)))}


def test_qualified_base_strips_the_district_qualifier_only():
    assert qualified_base(name_key("جديدة الجسر"), ("جسر الشغور", "الجانودية", "")) == (
        ["جديده", "الجديده"], "جسر الشغور")
    assert qualified_base(name_key("قبتان الجبل"), ("جبل سمعان", "دارة عزة", "")) == ([], "")  # its own name
    assert qualified_base(name_key("تل رفعت"), ("اعزاز", "تل رفعت", "")) == ([], "")
    # a qualifier named like the governorate tells nothing apart
    assert qualified_base(name_key("الداودية حسكة"), ("مركز الحسكة", "مركز الحسكة", ""), "الحسكة") == ([], "")


def test_qualified_name_only_where_the_text_names_its_district():
    near_jisr = by_surface("شنت الطائرات غارة على محيط بلدة الجديدة شمالي مدينة جسر الشغور غرب إدلب.")
    assert near_jisr["الجديدة"].place.place_id == "C4265"
    elsewhere = by_surface("شنت الطائرات غارة على محيط بلدة الجديدة في ريف حماة الغربي.")
    assert elsewhere["الجديدة"].place is None or elsewhere["الجديدة"].place.place_id != "C4265"


def test_short_name_followed_by_a_rare_word_is_a_longer_unknown_place():
    found = by_surface("استهدفت قوات النظام نقطة للجيش التركي في منطقة شير مغار بريف حماة الشمالي.")
    assert "شير" not in found
    place = found["شير مغار"]
    assert place.status == "unresolved" and place.place is None and place.fallback is not None


def test_list_item_whose_only_homonyms_are_far_is_unresolved():
    found = by_surface("تقدمت القوات التركية نحو قريتي المناخ والفيصلية شمال غربي محافظة الحسكة.")
    assert found["المناخ"].status == "unresolved"
    assert found["الفيصلية"].status == "unresolved" and found["الفيصلية"].place is None


def test_list_item_without_its_comma_is_still_an_item():
    found = by_surface("قصفت المدفعية قرى حربل الكرماشة وكفرانطون في ريف حلب الشمالي.")
    assert found["الكرماشة"].status == "unresolved"
    assert found["حربل"].place.place_id == "C1631" and found["كفرانطون"].place.place_id == "C8190"


@pytest.mark.parametrize("text", [
    "فتحت القوات محورا جديدا ومحور عسكري باتجاه مدينة منبج.",
    "سيطرت الفصائل على تلة استراتيجية قرب بلدة كفرنبل.",
    "قالت المصادر إنها أول بلدة تسيطر عليها القوات منذ أسابيع.",
])
def test_frequent_word_after_a_cue_is_not_an_unknown_place(text):
    assert not [m for m in find_places(text) if m.status == "unresolved"]


def test_list_of_three_opened_by_a_plural_cue_names_its_common_noun_member():
    found = by_surface("ردت المدفعية بقصف مواقع في مناطق قبر فضة وكفرهود والكريم في ريف حماة.")
    assert found["الكريم"].place.place_id == "C3186"
    # a common noun after a single place stays a common noun
    assert "المدينة" not in {m.surface for m in find_places("قصفت الطائرات حلبان والمدينة.") if m.refers_to == ""}


def test_launch_site_of_a_strike_is_not_where_it_fell():
    pcodes = event_pcodes("قصفت المدفعية التركية من مواقعها في تفتناز قرى سراقب والنيرب.")
    assert pcodes == {"C3916", "C3867"}  # سراقب, النيرب; not تفتناز
    # a withdrawal from its positions happened there
    assert "C4068" in event_pcodes("انسحبت الفصائل من مواقعها في بلدة كفرنبل بعد معارك عنيفة.")
    # a settlement noun before the launch site, and positions named with their deployment ("مواقع تمركزها")
    assert event_pcodes("قصفت المدفعية التركية من مواقعها في بلدة تفتناز قرية النيرب.") == {"C3867"}
    assert event_pcodes("استهدفت قوات النظام قرية سراقب من نقاط تمركزها في مدينة تفتناز.") == {"C3916"}


def test_place_that_only_describes_another_is_no_event_place():
    text = "قصفت قوات النظام قرية الهبيط الحدودية مع مدينة خان شيخون بالمدفعية الثقيلة."
    found = by_surface(text)
    assert found["خان شيخون"].role == "relation" and found["الهبيط"].role == "event"
    assert event_pcodes(text) == {"C3989"}
    # an indefinite "near" is where the event happened
    assert by_surface("استهدفت الغارات مناطق قريبة من سراقب.")["سراقب"].role == "event"


def test_unknown_construct_name_after_a_plural_cue_is_kept_whole():
    found = by_surface("قصفت المدفعية مواقع في قرى عون الدادات والهوشرية شمال منبج.")
    assert found["عون الدادات"].status == "unresolved"
    assert "الهوشرية" in found  # the next list item (OCHA writes it أوشرية)
    assert not [m for m in find_places("قصفت الطائرات قرى المنطقة الجنوبية وبلدات الريف الغربي.")
                if m.status == "unresolved"]


def test_places_joined_by_a_dash_are_both_ends_of_an_axis():
    found = by_surface("دارت اشتباكات عنيفة على محور كفرنبل - حاس جنوبي إدلب.")
    assert found["كفرنبل"].place.place_id == "C4068" and found["حاس"].place.place_id == "C4058"


def test_feminine_village_name_written_with_the_article():
    from core.geo.names import definite_forms
    assert definite_forms("فطيره") == {"الفطيره"}
    assert definite_forms("حماه") == set()  # (ـاه is no ta marbuta)
    found = by_surface("قصفت قوات النظام قرى جبل الزاوية ومنها فليفل، سفوهن، الفطيرة.")
    assert found["الفطيرة"].place.place_id == "C4070"


def test_side_of_a_place_is_near_it():
    found = by_surface("استهدفت المدفعية الأطراف الجنوبية لقرية إبلين والمحيط الشرقي لسراقب.")
    assert found["إبلين"].precision == 2 and found["إبلين"].place.place_id == "C4292"
    assert found["سراقب"].precision == 2 and found["سراقب"].status == "resolved"


def test_speaker_seat_is_no_event_place():
    text = "قال مصدر عسكري في دمشق إن قوات الجيش سيطرت على قرية الهبيط."
    found = by_surface(text)
    assert found["دمشق"].role == "source"
    assert event_pcodes(text) == {"C3989"}  # الهبيط, resolved: the seat does not make the report about Damascus


def test_aircraft_setting_off_from_a_base_is_no_strike_place():
    assert event_pcodes("قصفت الطائرات الروسية المنطلقة من قاعدة حميميم بلدة كفرنبل.") == {"C4068"}


def test_country_name_is_not_the_village_of_that_name():
    found = by_surface("ضرب زلزال قوي جنوب تركيا والشمال السوري.")
    assert "تركيا" not in found


def test_first_word_of_a_two_word_name_in_a_list():
    found = by_surface("قصفت قوات النظام قرى النقير وركايا والشيخ مصطفى جنوب إدلب.")
    assert found["ركايا"].place.place_id == "C4102" and found["ركايا"].precision == 2


def test_article_form_of_a_shared_first_word_takes_the_nearest_name():
    # two OCHA names begin with the same word; the document's other villages settle which one is meant
    found = by_surface("قصفت الطائرات بلدات التمانعة والخوين وحيش جنوب إدلب.")
    assert found["الخوين"].place.place_id == "C4091" and found["الخوين"].precision == 2
    found = by_surface("سقطت قذائف على قرية شعرة العجايز وبلدة الخوين شرق إدلب.")
    assert found["الخوين"].place.place_id == "C4032"


def test_a_source_named_after_a_governorate_is_no_fallback_for_an_unknown_village():
    found = {pm.surface: pm for pm in find_places(
        'وقال مراسل "حلب اليوم" إن المدفعية قصفت بلدات الأتارب وكفرعمة والقرفصية.')}
    assert found["حلب"].role == "source"
    fb = found["القرفصية"].fallback
    assert found["القرفصية"].status == "unresolved" and (fb is None or fb.place_id != "SY02")


def test_where_the_fire_came_from_is_not_where_it_fell():
    # the launch verb with its subject between it and "من", the place before the strike verb
    assert "site:Hmeimim airbase" not in event_pcodes(
        "أقلعت ثلاث طائرات حربية روسية من قاعدة حميميم وقصفت بلدة كفرنبل صباح اليوم.")
    # a launch-site noun with its force and a deployment word before the place
    pcodes = event_pcodes("قصفت القوات بلدة عندان بالصواريخ من مواقع الميليشيات المتمركزة في بلدة الزهراء.")
    assert "C1121" in pcodes and "C1646" not in pcodes


def test_where_people_come_from_is_not_where_the_strike_fell():
    assert event_pcodes("قتل مدني من أبناء مدينة سراقب بقصف مدفعي على بلدة النيرب.") == {"C3867"}
    # alone, the place of the victims' town is kept
    assert "C3916" in event_pcodes("قتل مدنيان من أهالي سراقب بقصف مدفعي صباح اليوم.")


@pytest.mark.parametrize("name", ["جبل الأربعين", "سهل الروج", "جبل السماق", "جبل باريشا"])
def test_named_areas_of_idlib_are_regions(name):
    found = by_surface(f"قصفت الطائرات مواقع في {name} صباح اليوم.")
    assert found[name].status == "region" and found[name].precision == 3
    assert found[name].place.admin1_pcode == "SY07"


def test_unknown_rare_name_after_a_near_cue_is_unresolved():
    found = by_surface("استهدفت الغارات محيط الكرماشة وأطراف بلدة كفرنبل.")
    assert found["الكرماشة"].status == "unresolved" and found["الكرماشة"].precision == 2
    assert not [m for m in find_places("قصفت المدفعية مواقع قرب الحدود التركية ومحيط المدينة.")
                if m.status == "unresolved"]


def test_lone_homonym_on_the_far_side_of_the_area_is_unresolved():
    story = "قصفت قوات النظام بلدات كفرنبل وحاس وكفرسجنة جنوب إدلب. وفي {} سقطت قذيفة على قرية دادات."
    far = by_surface(story.format("سياق آخر"))["دادات"]
    assert far.status == "unresolved" and far.place is None  # the only دادات lies by Manbij, 165 km away
    assert by_surface(story.format("ريف حلب"))["دادات"].place.place_id == "C1717"  # the text goes there


def test_a_qualifier_named_in_another_sentence_does_not_outweigh_the_list():
    text = ("جرح ثلاثة مدنيين بقصف على مدينة أريحا بريف إدلب. وطالت غارات أخرى قرى سفوهن والحامدية "
            "وكفرعويد ومحمبل. وقصفت المدفعية قرية الزيارة بريف حماة.")
    assert by_surface(text)["الحامدية"].place.place_id == "C6596"  # the Idleb one, beside its list partners
    # the qualifier in the same sentence still tells the Hama one
    assert by_surface("قصفت المدفعية قرية الزيارة وبلدة الحامدية في سهل الغاب.")["الحامدية"].place.place_id == "C6548"


def test_a_village_named_without_the_direction_adjective_the_gazetteer_gives_it():
    # OCHA writes "لويبدة شمالية" and "مشيرفة شمالية"; the news writes "اللويبدة", "المشيرفة"
    text = "توغلت قوات النظام في قرى تل خزنة واللويبدة والمشيرفة وأم الخلاخيل بريف إدلب الجنوبي الشرقي."
    found = by_surface(text)
    assert found["اللويبدة"].place.place_id == "C4046"
    assert found["المشيرفة"].place.place_id == "C4098"
    assert "direction adjective" in found["المشيرفة"].reason


def test_a_partial_name_far_from_its_list_stays_a_full_name_or_unresolved():
    # the bare name is that village only in a report about its immediate area: here the list lies 40 km away
    found = by_surface("قصفت الطائرات قرى كفرنبل وحاس واللويبدة في جبل الزاوية.")
    assert found["اللويبدة"].place.place_id == "C4074"  # the Kafr Nobol one, not "لويبدة شمالية"


def test_airbases_are_sites_at_their_village():
    found = by_surface("استهدفت الفصائل بالصواريخ مطار كويرس العسكري شرق حلب، وقصفت المدفعية مطار أبو ضهور العسكري.")
    assert found["مطار كويرس العسكري"].place.place_id == "site:Kuweires airbase"
    assert found["مطار كويرس العسكري"].place.admin1_pcode == "SY02"  # not the Idleb village كويرس
    assert found["مطار أبو ضهور العسكري"].place.place_id == "site:Abu al-Duhur airbase"
    found = by_surface("سيطرت الفصائل على الفوج 46 بريف حلب الغربي، وقصفت الأكاديمية العسكرية في حلب.")
    assert found["الفوج 46"].place.kind == "site" and found["الفوج 46"].place.admin1_pcode == "SY02"
    assert found["الأكاديمية العسكرية في حلب"].place.place_id == "site:Aleppo military academy"


def test_places_in_a_purpose_or_frame_phrase_are_not_where_it_happened():
    purpose = event_pcodes("سيطرت قوات النظام على بلدة كفر حلب وقرية كفرناها غربي حلب، في محاولة لتأمين الطريق "
                           "الدولي حلب - دمشق.")
    assert purpose == {"C1039", "C1034"}  # not the road
    campaign = event_pcodes("سيطرت قوات النظام فجر اليوم على مدينة سراقب بريف إدلب الشرقي، ضمن حملتها العسكرية "
                            "على ريفي إدلب وحلب.")
    assert "C3916" in campaign and not campaign & {"region:SY02:countryside", "region:SY07:countryside"}
    aim = event_pcodes("قصفت المدفعية بلدة سرمين، في محاولة لإيقاف تقدم الفصائل نحو سراقب.")
    assert aim == {"C3953"}
    # the only place stays, framed or not
    assert event_pcodes("قصفت المدفعية مواقع الفصائل ضمن حملة على بلدة سرمين.") == {"C3953"}


def test_a_town_naming_a_road_is_not_where_it_happened():
    assert event_pcodes("قصفت المدفعية سيارة على أوتوستراد حلب قرب بلدة الزربة.") == {"C1170"}
    assert event_pcodes("استهدفت غارة جوية بلدة كفرنبل الواقعة على طريق معرة النعمان.") == {"C4068"}
    assert event_pcodes("قصفت المدفعية سيارة على طريق سراقب - أريحا قرب بلدة النيرب.") == {"C3867"}
    # a road between two towns and nothing else: the towns place it
    assert event_pcodes("انفجرت عبوة ناسفة على طريق سراقب - أريحا.") == {"C3916", "C4278"}


def test_countryside_of_a_district_or_sub_district_is_coded_at_its_seat():
    found = by_surface("قصفت المدفعية التركية قرى في ريف ناحية الدرباسية بمحافظة الحسكة.")
    region = found["ريف ناحية الدرباسية"]
    assert region.status == "region" and region.precision == 3
    assert (region.place.lat, region.place.lon) == (pytest.approx(37.07, abs=0.01), pytest.approx(40.654, abs=0.01))
    # a district named by a common word is still a district after "ريف" ("الباب" = the door)
    assert by_surface("قصفت الطائرات قرى في ريف الباب الشرقي.")["ريف الباب الشرقي"].place.admin1_pcode == "SY02"
    assert not find_places("أغلقت الحكومة الباب أمام المفاوضات.")
