"""The evaluation sets side by side (``make eval``): extract each set with the pipeline, score it.

Sets: the five seeds, the project's devset2, the real articles of ``../shared/eval/realdev`` split into
the development batches and the batch kept aside (``r4_*``, late 2024: the honest generalization
figure), and realdev again with the manifest's publication dates removed (scored over every document
and over the documents whose URL or text states the date).
"""

from __future__ import annotations

import csv
import json
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from core.evaluate.scoring import evaluate
from core.paths import REPO_ROOT, SHARED_DIR

HELD_OUT_PREFIX = "r4_"
ARABIC_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789")
URL_DATE = re.compile(r"(?:^|/)(?:19|20)\d\d[/-]\d{1,2}[/-]\d{1,2}(?:/|$)")
TEXT_DATE = re.compile(r"\b\d{1,2}\s*[/-]\s*\d{1,2}\s*[/-]\s*(?:19|20)\d\d\b|\b\d{1,2}\s+\S+\s+(?:عام\s+)?(?:19|20)\d\d\b")


@dataclass(frozen=True)
class EvalSet:
    name: str
    docs: Path
    manifest: Path | None
    gold: Path

    def available(self) -> bool:
        return self.docs.is_dir() and self.gold.is_file()


def default_sets() -> list[EvalSet]:
    realdev = SHARED_DIR / "eval" / "realdev"
    return [
        EvalSet("seeds", REPO_ROOT / "data" / "corpus", REPO_ROOT / "data" / "manifest.csv",
                SHARED_DIR / "eval" / "seeds_gold.json"),
        EvalSet("devset2", REPO_ROOT / "tests" / "fixtures" / "devset2",
                REPO_ROOT / "tests" / "fixtures" / "devset2" / "manifest.csv",
                REPO_ROOT / "tests" / "fixtures" / "devset2" / "gold.json"),
        EvalSet("realdev", realdev / "texts", realdev / "manifest.csv", realdev / "gold.json"),
    ]


def subset(gold: dict, keep) -> dict:
    """The gold restricted to the documents whose id satisfies ``keep``."""
    return {**gold, "documents": [d for d in gold.get("documents", []) if keep(d["doc_id"])],
            "events": [e for e in gold.get("events", []) if keep(e["doc_id"])]}


def date_stated(url: str, text: str) -> bool:
    """Whether a reader could find the publication day without the manifest: a date in the URL's path or
    a full date (day, month, year) in the text. Independent of the pipeline's own inference."""
    return bool(URL_DATE.search(url or "")) or bool(TEXT_DATE.search((text or "").translate(ARABIC_DIGITS)))


def _extract(docs: Path, manifest: Path | None) -> pd.DataFrame:
    from core.extract.pipeline import extract_folder

    df, _issues = extract_folder(docs, manifest, progress=False)
    return df


def _without_dates(manifest: Path, folder: Path) -> Path:
    rows = list(csv.DictReader(manifest.open(encoding="utf-8")))
    out = folder / "manifest-undated.csv"
    with out.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        for row in rows:
            writer.writerow({**row, "published": ""})
    return out


def run_sets(sets: list[EvalSet] | None = None, *, undated: bool = True) -> dict[str, dict]:
    """Figures per set name (``evaluate``'s dict, plus ``documents``)."""
    results: dict[str, dict] = {}
    for es in sets or default_sets():
        if not es.available():
            continue
        gold = json.loads(es.gold.read_text(encoding="utf-8"))
        df = _extract(es.docs, es.manifest)
        if es.name != "realdev":
            results[es.name] = evaluate(gold, df)
            continue
        results["realdev (all 40)"] = evaluate(gold, df)
        results["realdev dev batches"] = evaluate(subset(gold, lambda d: not d.startswith(HELD_OUT_PREFIX)), df)
        results["realdev r4 (held out)"] = evaluate(subset(gold, lambda d: d.startswith(HELD_OUT_PREFIX)), df)
        if undated and es.manifest:
            with tempfile.TemporaryDirectory() as tmp:
                undated_df = _extract(es.docs, _without_dates(es.manifest, Path(tmp)))
            rows = {r["doc_id"]: r for r in csv.DictReader(es.manifest.open(encoding="utf-8"))}
            stated = {d for d, r in rows.items()
                      if date_stated(r.get("url", ""), (es.docs / f"{d}.txt").read_text(encoding="utf-8"))}
            results["realdev undated (all)"] = evaluate(gold, undated_df)
            results["realdev dated, date-stated docs"] = evaluate(subset(gold, stated.__contains__), df)
            results["realdev undated, date-stated docs"] = evaluate(subset(gold, stated.__contains__), undated_df)
    return results


COLUMNS = ("docs", "core P", "core R", "core F1", "date", "side", "geo@5km", "unres. flagged", "invented")


def _row(r: dict) -> list[str]:
    def f(x):
        return "-" if x is None else f"{x:.3f}"

    c, m, g = r["core"], r["matched_core"], r["geocoding"]
    unresolved = f"{len(g.get('unresolved_flagged', []))}/{g.get('unresolved_gold', 0)}"
    return [str(r["documents"]), f(c["precision"]), f(c["recall"]), f(c["f1"]), f(m["date_accuracy"]),
            f(m["actor1_side_accuracy"]), f(g.get("accuracy_at_5km")), unresolved,
            str(len(g.get("invented_coordinates", [])))]


def format_table(results: dict[str, dict]) -> str:
    width = max(len(n) for n in results) if results else 10
    lines = [f"{'set':{width}} | " + " | ".join(f"{c:>8}" for c in COLUMNS)]
    lines.append("-" * len(lines[0]))
    for name, r in results.items():
        lines.append(f"{name:{width}} | " + " | ".join(f"{v:>8}" for v in _row(r)))
    return "\n".join(lines)
