"""End-to-end extraction throughput (documents per second, one core) on ~2,500-character articles.

The articles are assembled from hand-written sentences (strikes, advances, clashes,
diplomacy, background), with varied villages, dates and numbers, so each one exercises
every recognizer. Run: ``python bench/bench_extract.py [N_DOCS]``.
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from core.extract.ingest import document_from_text  # noqa: E402
from core.extract.pipeline import extract_documents  # noqa: E402

PLACES = ["سراقب", "كفرنبل", "أريحا", "سرمين", "آفس", "النيرب", "معرة النعمان", "خان شيخون", "الأتارب",
          "كفرنوران", "قميناس", "جسر الشغور", "بنش", "تفتناز", "حيان", "عندان", "دارة عزة"]
ACTORS = ["قوات النظام", "القوات التركية", "فصائل المعارضة", "هيئة تحرير الشام", "الجبهة الوطنية للتحرير"]
TIMES = ["اليوم", "أمس", "أمس الثلاثاء", "الاثنين الماضي", "فجر اليوم", "مساء أمس"]
TEMPLATES = [
    "قصفت {a} {t} مواقع في بلدة {p} بقذائف المدفعية، ما أدى إلى مقتل {n} عناصر.",
    "شنت طائرات روسية غارات جوية {t} على مدينة {p} وقرى محيطة بها في ريف إدلب الجنوبي.",
    "سيطرت {a} على قرية {p} بعد اشتباكات عنيفة استمرت ساعات مع {b}.",
    "وقالت مصادر محلية إن {a} انسحبت من محيط بلدة {p} باتجاه ريف حلب الغربي.",
    "استهدفت طائرة مسيرة تركية مواقع لقوات النظام قرب {p} {t}.",
    "وفي سياق متصل، بحث وزير الخارجية التركي مع نظيره الروسي في اتصال هاتفي الأوضاع في إدلب.",
    "وأكد المتحدث باسم الكرملين أن موسكو ستواصل دعم العمليات العسكرية في المنطقة.",
    "ونزح آلاف المدنيين من بلدة {p} نحو المخيمات القريبة من الحدود التركية خلال الأيام الماضية.",
    "ويعاني السكان من ظروف إنسانية صعبة في ظل البرد القارس ونقص المساعدات الغذائية والطبية.",
    "ودفع الجيش التركي بتعزيزات عسكرية جديدة إلى نقاطه المنتشرة في محيط {p}.",
    "واندلعت اشتباكات بين {a} و{b} على محور {p} أسفرت عن سقوط قتلى من الطرفين.",
]


def make_articles(n: int, size: int = 2500, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        paras, length = [], 0
        while length < size:
            a, b = rng.sample(ACTORS, 2)
            s = rng.choice(TEMPLATES).format(a=a, b=b, p=rng.choice(PLACES), t=rng.choice(TIMES),
                                             n=rng.randint(2, 30))
            paras.append(s)
            length += len(s) + 1
        out.append("\n".join(paras)[:size + 200])
    return out


def seed_articles(n: int) -> list[tuple[str, object]]:
    """The shipped sample corpus (real ~2,500-character articles), repeated to ``n`` documents.

    Each copy gets its own first line, so no per-text cache can serve a copy from an earlier one.
    """
    from core.extract.ingest import load_folder

    seeds, _ = load_folder(REPO / "data" / "corpus", REPO / "data" / "manifest.csv")
    return [(f"رقم التقرير {i}\n" + seeds[i % len(seeds)].text, seeds[i % len(seeds)].published) for i in range(n)]


def run(n_docs: int = 300, corpus: str = "synthetic") -> dict:
    """Throughput on ``corpus``: "synthetic" (dense: every sentence reports an event) or "seeds"."""
    if corpus == "seeds":
        texts = seed_articles(n_docs)
    else:
        texts = [(text, "2020-02-12") for text in make_articles(n_docs)]
    docs = [document_from_text(f"bench{i:05d}", text, published=pub)[0] for i, (text, pub) in enumerate(texts)]
    extract_documents(docs[:3])  # warm-up: gazetteer, automata and lexicons are loaded once
    t0, c0 = time.perf_counter(), time.process_time()
    df = extract_documents(docs)
    elapsed, cpu = time.perf_counter() - t0, time.process_time() - c0
    chars = sum(len(d.text) for d in docs)
    # CPU time is what one core spends; wall time also counts waiting on a busy machine
    return {"corpus": corpus, "documents": n_docs, "mean_chars": round(chars / n_docs), "seconds": round(elapsed, 3),
            "cpu_seconds": round(cpu, 3), "docs_per_second": round(n_docs / elapsed, 1),
            "docs_per_cpu_second": round(n_docs / cpu, 1), "rows": len(df),
            "events": df.groupby(["doc_id", "type", "char_start"]).ngroups if len(df) else 0}


if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    for corpus in ("seeds", "synthetic"):
        result = run(n, corpus)
        print("extraction throughput (one core):", ", ".join(f"{k}={v}" for k, v in result.items()))
