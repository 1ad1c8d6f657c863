"""Find place names in Arabic news text and resolve them to gazetteer entries.

One Aho-Corasick automaton holds every normalized gazetteer key (with its spelling variants and aliases),
each padded with word boundaries and prefixed with the proclitics و ف ب ل ك (and their pairs), so a single
pass over the normalized text finds "وسراقب", "بريف", "لمدينة", "للأتارب" at word boundaries only.

Then, over the whole document:
1. longest non-overlapping matches; highway phrases ("الطريق الدولي حلب - دمشق", "إم فايف") first;
2. cue words before a name (قرية، قرب، محور، ريف، شرق ...) → kind preference and precision;
3. ordinary-word gating: a name that is also a common word ("سمكة", "النصر") or has ≤ 3 letters needs a cue
   or a list of other places around it; a common noun with the article ("المدينة", "الملجأ") needs a naming
   cue ("قرية", "بلدة"), since "غرب المدينة" means the city already named;
4. regions: "ريف إدلب الجنوبي الشرقي", "شرق إدلب", "الريف الشرقي لإدلب", named regions → precision 3;
   "X شرق مدينة Y" uses Y to locate X (not emitted as a region);
5. disambiguation among same-named places: admin units and regions named in the sentence/document, the OCHA
   qualifier, distance to the document's unambiguous places, the area of interest; the reason is kept.
   Document coherence: when every candidate lies outside the document's governorates and far from its other
   places ("محور العطيرة" in a report on Hama; the gazetteer's العطيرة are in Latakia and Aleppo), the text is
   taken to name a place the gazetteer lacks (unresolved after a cue, ignored without one); "بلدة X" where X
   is only an admin unit is unresolved too;
6. unknown names after a place cue, kept whole ("قرية الدير الشرقي", "تل النبي أيوب"), unknown "خربة ..." list
   items and unknown last items of a "قرى X وY وZ" list → status "unresolved", no coordinates, with
   ``fallback`` = the region named in the same sentence, else the countryside of the document's main
   governorate; "تل X" where the gazetteer has only the village X is resolved to X when X fits the document.

Modules (imports point one way: common ← the step mixins ← document ← recognizer ← this package):
- ``common``: token patterns, proclitics, the match record, the per-ids candidate summary, geometry;
- ``recognizer``: :class:`PlaceRecognizer` (lexicons, cues, highways, automaton; shared), ``find_places``,
  ``get_recognizer``;
- ``document``: ``_Doc``, the work on one document and the order of the steps, mixing in
  ``matching`` (1), ``cues`` (2-3: cues and gating), ``regions`` (4: regions and roads), ``disambiguation`` (5),
  ``resolution`` (a match to a mention), ``unresolved`` (6, and the fallbacks), ``variants`` (other spellings),
  ``roles`` (place roles and references) and ``quarters`` (a quarter named with its city lies in it).
"""

from core.extract.mentions.places.recognizer import PlaceRecognizer, fast_normalize, find_places, get_recognizer

__all__ = ["PlaceRecognizer", "fast_normalize", "find_places", "get_recognizer"]
