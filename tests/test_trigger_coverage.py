"""Coverage of event wordings (tests/data/trigger_coverage.tsv, sentences written for it): every sentence yields
its expected event type, in all the persons, numbers, voices, clitics and word orders the table varies; the
"none" rows (idioms, metaphors, politics, states) yield no strike, ground or advance event.

A few rows miss for a reason outside the trigger lexicon (who did it, where, did it happen): they are listed in
``KNOWN_MISSES`` with that reason and must keep failing until that capability is fixed (strict xfail), so the
list never hides a row that works."""

import pytest

from tests.trigger_coverage import found_types, passes, rows

# sentence start → why it misses (not vocabulary: the trigger is found)
KNOWN_MISSES = {
    "تتعرض بلدات جبل الزاوية لقصف": "a noun trigger with neither agent nor a precise place is dropped as background",
    "تصدّى مقاتلو الجبهة الوطنية": "place: 'جبهة X' (a front named by its town) is not read as a place",
    "اقتحم عناصر الفصائل نقطة": "roles: 'عناصر' is a target cue, so 'عناصر الفصائل' is not read as the subject",
    "عناصر الفصائل استعادوا": "roles: 'عناصر' is a target cue, so 'عناصر الفصائل' is not read as the subject",
    "أسقطت الفصائل بصاروخ محمول": "downing: a projectile after the verb reads as an interception, even as the "
                                  "instrument introduced by ب before the aircraft",
}


def _known(sentence: str) -> str | None:
    return next((why for start, why in KNOWN_MISSES.items() if sentence.startswith(start)), None)


ROWS = rows()


def test_table_is_large_and_varied():
    assert len(ROWS) >= 120
    kinds = {r.expected for r in ROWS}
    assert {"airstrike", "drone_strike", "shelling", "bombing", "armed_clash", "territory_taken", "withdrawal",
            "aircraft_downed", "none"} <= kinds
    assert len({r.sentence for r in ROWS}) == len(ROWS)  # no duplicate sentence
    assert all(_known(r.sentence) is None or r.expected != "none" for r in ROWS)
    assert len([r for r in ROWS if _known(r.sentence)]) == len(KNOWN_MISSES)  # every known miss is a row


@pytest.mark.parametrize("row", [
    pytest.param(r, id=f"{r.line}-{r.expected}",
                 marks=[pytest.mark.xfail(strict=True, reason=why)] if (why := _known(r.sentence)) else [])
    for r in ROWS])
def test_wording_yields_its_type(row):
    types = found_types(row.sentence)
    assert passes(row, types), (row.expected, types, row.sentence)



def _agents(sentence: str) -> set[tuple[str, str | None]]:
    from core.extract.events import extract_events
    from core.extract.ingest import document_from_text
    from tests.trigger_coverage import PUBLISHED

    doc, _ = document_from_text("coverage", sentence, published=PUBLISHED)
    return {(e.type, e.actor1) for e in extract_events(doc)}


def test_a_town_fallen_into_hands_names_its_taker_and_a_holder_is_no_agent():
    assert ("territory_taken", "opposition") in _agents("سقطت بلدة كفرنبل في أيدي مقاتلي الفصائل بعد معارك.")
    held = _agents("سيطرت القوات التركية على بلدة تل أبيض التي كانت بيد قسد.")
    assert ("territory_taken", "turkey") in held and ("territory_taken", "sdf") not in held
