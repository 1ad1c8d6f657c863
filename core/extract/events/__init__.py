"""Assemble the mentions of a document into events (one row per place, ACLED style).

The only package where the recognizers meet. For each clause (``core.extract.segment``):

1. triggers of one family (strike; ground + advance; each non-map type) merge into one
   event typed by the most specific trigger; a second *verb* of the same type starts a
   new event ("سيطرت على الطريق بعد أن سيطرت على ضاحية"), and so does a trigger after a
   split cue ("بالتزامن مع قصف صاروخي"، "عقب سيطرة"، "ردت ... بقصف"); a verb with the
   purpose ل ("لبحث الوضع") only describes an event;
2. the agent (actor1) is found by position: after a verb (VSO, "قصفت القوات التركية"),
   before it (SVO, "القوات الحكومية سيطرت"), as an adjective or genitive after a noun
   ("غارات روسية", "قصف الطيران الروسي"), or as the subject of a light verb before the
   noun ("نفذت الطائرات الروسية غارات"); "بين X و Y" gives both actors. Supporters
   ("المدعومة من روسيا") are never agent or target. Without an agent in the clause the
   agent of the previous event of the paragraph is used (rule ``agent:context``);
3. the target (actor2) is the next actor after the trigger, preferring one introduced by
   a target cue (على، ضد، مواقع ...);
4. places of the clause (else of the sentence) give one row each; an unresolved name
   gives an unresolved row without coordinates, plus the enclosing region given in the
   sentence when there is one; the origin of a strike ("مصدره ... في X") and the
   destination of a movement ("باتجاه X") are dropped; "انسحاب ... منها" takes the places
   of the event it follows, "محيط البلدة" the last settlement named before;
5. the date is the time of the clause (the one right after the trigger first), else of the
   sentence, else the last one of the paragraph before it (a paragraph opening with
   "وأضافت" continues the one before), else the day of the last dated event of the report
   the paragraph continues (``discourse``: a new source or topic starts a new report), else
   the publication date (coarse, flagged; inferred by ``core.extract.published`` when the
   manifest has none); future or deadline times never date an event, a clause dated
   only by a period over a month, past or still running ("خلال العام الماضي"، "منذ بدء الحملة"،
   "خلال الأشهر الماضية"), is background, and so is an event the text dates half a year or more
   before publication; a mention recalling an earlier event or telling a habit without a day of
   its own ("وكان ... قد"، "في وقت سابق"، "بشكل شبه يومي"; ``aspect``) joins the event it repeats or
   is dropped;
6. fatalities come from casualty counts of the same sentence.

Repeated sentences of a document yield one event; the mentions of one map event in an article
(lead, detail, rising toll, recap, back-reference, another source) are linked into one, the most
specific (``linking``); events of other types with the same type, date and agent are reported once.

Modules, one step each (imports point down this list, never up):

- ``cues``: the cue words (``event_cues.yaml``) and words over the normalized text;
- ``draft``: the ``Draft`` record an event is assembled in, trigger families;
- ``candidates``: triggers merged into drafts per clause, sentence-level choice (step 1);
- ``roles``: agent and target (steps 2, 3);
- ``places``: places of each draft and the ones it does not report (step 4);
- ``dates``: reference day, time choice, paragraph time inheritance (step 5);
- ``fatalities``: casualty counts (step 6);
- ``nonevents``: drafts too weak, denied, background or not factual (aims, threats, preparations,
  fears, "قد" + imperfect, failures of a capture) to be events;
- ``aspect``: mentions that recall an earlier event or tell a habit (retrospective drafts);
- ``discourse``: article structure: reports (lead, continuations, new sources), time, agent
  and place carried within a report;
- ``linking``: the mentions of one map event in an article linked into the most specific;
- ``dedupe``: each event reported once in a document (non-map types; map types via ``linking``);
- ``records``: ``Event`` rows per place, event ids, confidence;
- ``assemble``: ``extract_events``, the steps in order.
"""

from core.extract.events.assemble import extract_events

__all__ = ["extract_events"]
