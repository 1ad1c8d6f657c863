"""Geocoder throughput: MB of Arabic text per second through ``find_places`` on one core.

Two inputs: sentences written for this benchmark (news-like, dense with place names, regions, roads,
ordinary words and unknown names: ~14 mentions per KB), shuffled into documents of ~3 KB, about 1 MB in
all; and the shipped seed articles repeated to the same size (real density: ~5 mentions per KB).
Throughput is bytes of UTF-8 text per CPU second of this process (one core).
Run: ``python bench/bench_geocoder.py [MB]`` or ``pytest -m bench tests/test_bench_geocoder.py -s``.
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

SENTENCES = [
    "قصفت قوات النظام بالمدفعية الثقيلة بلدة سرمين ومحيط مدينة سراقب في ريف إدلب الشرقي.",
    "أفادت مصادر محلية بأن الطائرات الحربية الروسية شنت غارات على قرى كفرنبل وحاس وكنصفرة في جبل الزاوية.",
    "تواصلت الاشتباكات على محور أبو الخيزران قرب الطريق الدولي حلب - دمشق المعروف بـ إم فايف.",
    "وأعلن المرصد أن القوات الحكومية سيطرت على قرى تل خطرة وسمكة وحلبان بعد معارك عنيفة.",
    "وقال مسؤول تركي في أنقرة إن بلاده أرسلت تعزيزات إلى نقاط المراقبة في ريف حلب الغربي.",
    "عقد الجانبان جولة جديدة من المحادثات في موسكو لبحث وقف إطلاق النار في إدلب.",
    "أكدت الحكومة أنها تبحث عن حلول جديدة للأزمة الإنسانية التي يعيشها ملايين السكان.",
    "نزح آلاف المدنيين من معرة النعمان وخان شيخون باتجاه الحدود التركية خلال الأسبوع الماضي.",
    "استهدفت طائرة مسيرة سيارة على طريق سرمدا الدانا دون وقوع إصابات.",
    "تتعرض مدينة أريحا والقرى المحيطة بها لقصف متواصل منذ ثلاثة أيام.",
    "سقطت قذائف صاروخية على حي النيرب في مدينة حلب وعلى محيط مطار النيرب العسكري.",
    "ودارت معارك على أطراف بلدة النيرب شرق مدينة إدلب بين الفصائل وقوات النظام.",
    "وصل وفد أممي إلى جنيف للمشاركة في اجتماعات اللجنة الدستورية الأسبوع المقبل.",
    "قال الصياد إنه اصطاد سمكة كبيرة قرب الشاطئ، وإن النصر حليف الصابرين.",
    "تقدمت القوات على المحور الجنوبي الشرقي لإدلب وسيطرت على عدة قرى وبلدات.",
    "شهدت مناطق سهل الغاب في ريف حماة الشمالي الغربي قصفا مدفعيا متقطعا.",
    "وسيرت القوات الروسية والتركية دورية مشتركة على طريق إم فور قرب أريحا.",
    "وتحدث ناشطون عن قصف طال قرية كفرزيتونيا وبلدة اللطامنة في ريف حماة.",
    "أعلنت وزارة الدفاع التركية مقتل جنديين في هجوم على نقطة مراقبة في منطقة سراقب.",
    "التقى الرئيسان في سوتشي واتفقا على إنشاء منطقة منزوعة السلاح حول إدلب.",
]


def make_text(megabytes: float, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    docs, size, target = [], 0, int(megabytes * 1_000_000)
    while size < target:
        doc = " ".join(rng.choice(SENTENCES) for _ in range(rng.randint(15, 30)))
        docs.append(doc)
        size += len(doc.encode("utf-8"))
    return docs


def _throughput(docs: list[str]) -> dict:
    from core.extract.mentions.places import find_places

    nbytes = sum(len(d.encode("utf-8")) for d in docs)
    wall, cpu = time.perf_counter(), time.process_time()
    mentions = sum(len(find_places(d)) for d in docs)
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    return {"documents": len(docs), "megabytes": nbytes / 1e6, "cpu_s": cpu, "wall_s": wall,
            "mb_per_s": nbytes / 1e6 / cpu, "mentions": mentions, "mentions_per_kb": mentions / (nbytes / 1e3)}


def seed_documents(megabytes: float) -> list[str]:
    """The shipped seed articles, repeated to the size asked (real news density of place names)."""
    corpus = sorted((Path(__file__).resolve().parent.parent / "data" / "corpus").glob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in corpus]
    if not texts:
        return []
    per_round = sum(len(t.encode("utf-8")) for t in texts)
    return texts * max(1, round(megabytes * 1e6 / per_round))


def run(megabytes: float = 1.0) -> dict:
    """CPU-time throughput (one core; unaffected by other processes) on dense synthetic text and on the
    seed articles."""
    from core.extract.mentions.places import get_recognizer

    t0 = time.perf_counter()
    get_recognizer()
    build_s = time.perf_counter() - t0
    result = {"recognizer_build_s": build_s, "synthetic": _throughput(make_text(megabytes))}
    seeds = seed_documents(megabytes)
    if seeds:
        result["seeds"] = _throughput(seeds)
    return result


def main() -> None:
    mb = float(sys.argv[1]) if len(sys.argv) > 1 else 1.0
    r = run(mb)
    print(f"geocoder recognizer build: {r['recognizer_build_s']:.1f} s (once per process)")
    for name, x in r.items():
        if isinstance(x, dict):
            print(f"geocoder {name}: {x['megabytes']:.2f} MB in {x['documents']} documents, {x['mentions']} mentions "
                  f"({x['mentions_per_kb']:.1f}/KB), CPU {x['cpu_s']:.2f} s (wall {x['wall_s']:.2f} s) "
                  f"→ {x['mb_per_s']:.2f} MB/s on one core")


if __name__ == "__main__":
    main()
