"""Session set-up shared by `tests/` and the notebook run by nbmake.

The quickstart notebook extracts `CLAIMS_CORPUS` into `CLAIMS_OUT` (default: the whole corpus into
`out/`). Under pytest it runs on the first round's documents in a temporary folder: the notebook's
cells are what is tested, and the whole corpus took over two minutes of the suite on a fresh clone.
"""

import json
import os
import shutil
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent
_NOTEBOOK_SPLIT = "dev_round1"


def pytest_configure(config):
    if "CLAIMS_CORPUS" in os.environ:
        return
    folder = Path(tempfile.mkdtemp(prefix="claims-notebook-"))
    corpus = folder / "corpus"
    corpus.mkdir()
    for doc_id in json.loads((ROOT / "gold" / "splits.json").read_text(encoding="utf-8"))[_NOTEBOOK_SPLIT]:
        for suffix in (".txt", ".json"):
            source = ROOT / "corpora" / "briefings" / f"{doc_id}{suffix}"
            if source.exists():
                (corpus / source.name).symlink_to(source)
    os.environ["CLAIMS_CORPUS"] = str(corpus)
    os.environ["CLAIMS_OUT"] = str(folder / "out")
    config._claims_notebook_folder = folder


def pytest_unconfigure(config):
    folder = getattr(config, "_claims_notebook_folder", None)
    if folder is not None:
        shutil.rmtree(folder, ignore_errors=True)
        del os.environ["CLAIMS_CORPUS"], os.environ["CLAIMS_OUT"]
