"""What the foundation promises: light install, a Streamlit-free core, a working command line."""

import ast
import importlib.metadata
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
FORBIDDEN_CAMEL = ("camel_tools.data", "camel_tools.morphology", "camel_tools.disambig", "camel_tools.ner")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_no_torch_or_transformers_installed():
    installed = {d.metadata["Name"].lower() for d in importlib.metadata.distributions()}
    assert "torch" not in installed and "transformers" not in installed
    assert "camel-tools" in installed or "camel_tools" in installed


def test_core_never_imports_streamlit_or_heavy_camel_modules():
    for path in (REPO / "core").rglob("*.py"):
        names = _imports(path)
        assert not any(n == "streamlit" or n.startswith("streamlit.") for n in names), path
        assert not any(n.startswith(FORBIDDEN_CAMEL) for n in names), path


def test_cli_reports_missing_geodata_source_clearly(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "core", "geodata", "build", "--source", str(tmp_path / "nope")],
                          cwd=REPO, capture_output=True, text=True)
    assert proc.returncode == 2
    assert "geodata source folder not found" in proc.stderr


def test_cli_ingest_lists_the_sample_corpus():
    proc = subprocess.run([sys.executable, "-m", "core", "ingest", "data/corpus", "--manifest", "data/manifest.csv"],
                          cwd=REPO, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert "5 documents, 0 errors" in proc.stdout


def test_sample_corpus_matches_the_manifest():
    import csv

    rows = list(csv.DictReader((REPO / "data" / "manifest.csv").open(encoding="utf-8")))
    assert {r["doc_id"] for r in rows} == {p.stem for p in (REPO / "data" / "corpus").glob("*.txt")}
    assert all(r["published"] for r in rows)
