"""Documents written for the ingest/review tests (not news text) and helpers to build a small store."""

from __future__ import annotations

from pathlib import Path

from core.__main__ import main

DOC_A = ("قصف مدفعي على سراقب\n"
         "قصفت قوات النظام أمس بلدة سراقب بقذائف المدفعية، ما أدى إلى مقتل ثلاثة مدنيين.\n"
         "وشنت طائرات روسية غارات جوية على مدينة أريحا في ريف إدلب الجنوبي.\n")
DOC_B = ("اشتباكات في ريف حلب\n"
         "سيطرت قوات النظام على قرية كفرنوران بعد اشتباكات عنيفة مع فصائل المعارضة.\n"
         "واستهدفت طائرة مسيرة تركية مواقع لقوات النظام قرب قرية زيزفونة المجهولة أمس.\n")
MANIFEST = ("doc_id,published,outlet,url,title\n"
            "doc_a,2020-02-10,Test outlet,https://example.org/a,Report A\n"
            "doc_b,2020-02-11,Test outlet,https://example.org/b,Report B\n")


def write_corpus(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "doc_a.txt").write_text(DOC_A, encoding="utf-8")
    (folder / "doc_b.txt").write_text(DOC_B, encoding="utf-8")
    (folder / "manifest.csv").write_text(MANIFEST, encoding="utf-8")
    return folder


def build_store(corpus: Path, store: Path, *extra: str) -> int:
    return main(["extract", str(corpus), "--out", str(store), "--no-progress", "--workers", "1", *extra])


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (relative path → bytes): a byte-for-byte picture of a store."""
    folder = Path(folder)
    if folder.is_file():
        return {folder.name: folder.read_bytes()}
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def built_store(tmp_path_factory, name: str) -> tuple[Path, Path]:
    """A corpus of the two test documents and the store built from it (once per test module)."""
    base = tmp_path_factory.mktemp(name)
    corpus = write_corpus(base / "corpus")
    assert build_store(corpus, base / "store") == 0
    return corpus, base / "store"
