"""The Label Studio round trip against a real Label Studio server (started here, on 127.0.0.1).

Label Studio lives in its own virtual environment (``make`` installs it into ``.venv-ls``); the binary
is ``$LABEL_STUDIO_BIN``, else ``<repo>/.venv-ls/bin/label-studio``. Without it the test is skipped,
unless ``CLAIMS_REQUIRE_LABEL_STUDIO=1``, when it fails. The server gets a temporary HOME and data
folder and is stopped at the end of the module; talking to it needs only ``urllib``.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from pipeline import labelstudio as ls
from pipeline.score import load_gold

from .conftest import CORPUS, GOLD, ROOT

pytestmark = pytest.mark.slow

BIN = Path(os.environ.get("LABEL_STUDIO_BIN") or ROOT / ".venv-ls" / "bin" / "label-studio")
START_TIMEOUT = 180.0
USER, PASSWORD, TOKEN = "claims-test@example.com", "claims-test-password", "claims-test-token-0123456789"

# Documents whose gold goes through the server and must come back unchanged: a press conference with a
# range and counted things, a statement with non-ASCII text (euro sign, typographic quotes), a long
# background call with journalists' questions.
ROUND_TRIP = (
    "2018-03-21-fed-powell-press-conference",
    "2019-02-21-ec-investeu-agreement",
    "2023-11-26-wh-background-call-brainard-supply-chain",
)
SKIPPED = "2023-04-20-miit-scio-2023q1-p2"  # the reviewer skips it: a cancelled annotation is not gold
UNTOUCHED = "2023-03-17-oecd-interim-outlook-anews"  # nobody annotates it: its predictions are not gold


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LabelStudio:
    """A running server and a minimal JSON client for it (legacy token auth)."""

    def __init__(self, url: str, token: str, process: subprocess.Popen, log: Path, startup: float):
        self.url, self.token, self.process, self.log, self.startup = url, token, process, log, startup

    def call(self, method: str, path: str, body: object = None, timeout: float = 60.0):
        data = None if body is None else json.dumps(body).encode("utf-8")
        request = urllib.request.Request(
            self.url + path,
            data=data,
            method=method,
            headers={"Authorization": f"Token {self.token}", "Content-Type": "application/json"},
        )
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                raw = response.read()
        except urllib.error.HTTPError as err:
            raise AssertionError(
                f"{method} {path}: HTTP {err.code}: {err.read()[:2000].decode('utf-8', 'replace')}"
            ) from None
        return json.loads(raw) if raw else None

    def log_tail(self, n: int = 40) -> str:
        try:
            return "\n".join(self.log.read_text(encoding="utf-8", errors="replace").splitlines()[-n:])
        except OSError:
            return "(no log)"


def _environment(tmp: Path) -> dict[str, str]:
    # A clean environment: none of the caller's Label Studio or Django settings (a database URL, say),
    # every per-user folder under tmp, no version check against PyPI, no analytics.
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("LABEL_STUDIO_", "HEARTEX_", "DJANGO_", "XDG_"))
        and k not in ("USERNAME", "PASSWORD", "USER_TOKEN")  # Label Studio reads these unprefixed too
    }
    home = tmp / "home"
    home.mkdir()
    env.update(
        HOME=str(home),
        XDG_DATA_HOME=str(home / ".local" / "share"),
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_CACHE_HOME=str(home / ".cache"),
        LABEL_STUDIO_BASE_DATA_DIR=str(tmp / "data"),
        LABEL_STUDIO_ENABLE_LEGACY_API_TOKEN="true",
        LABEL_STUDIO_LATEST_VERSION_CHECK="false",
        LABEL_STUDIO_COLLECT_ANALYTICS="false",
        PYTHONUNBUFFERED="1",
    )
    return env


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    if not BIN.exists():
        message = f"Label Studio not installed: no {BIN} (set LABEL_STUDIO_BIN or install it into .venv-ls)"
        if os.environ.get("CLAIMS_REQUIRE_LABEL_STUDIO") == "1":
            pytest.fail(f"CLAIMS_REQUIRE_LABEL_STUDIO=1 but {message}", pytrace=False)
        pytest.skip(message)
    tmp = tmp_path_factory.mktemp("label-studio")
    port = _free_port()
    command = [
        str(BIN), "start",
        "--no-browser",
        "--internal-host", "127.0.0.1",
        "--port", str(port),
        "--data-dir", str(tmp / "data"),
        "--username", USER,
        "--password", PASSWORD,
        "--user-token", TOKEN,
        "--enable-legacy-api-token",
        "--log-level", "WARNING",
    ]  # fmt: skip
    log = tmp / "label-studio.log"
    began = time.monotonic()
    with log.open("wb") as out:
        process = subprocess.Popen(
            command,
            cwd=tmp,
            env=_environment(tmp),
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, so the finaliser can stop everything it starts
        )
    studio = LabelStudio(f"http://127.0.0.1:{port}", TOKEN, process, log, 0.0)
    try:
        while True:
            if process.poll() is not None:
                pytest.fail(f"label-studio exited with {process.returncode}:\n{studio.log_tail()}", pytrace=False)
            if time.monotonic() - began > START_TIMEOUT:
                pytest.fail(
                    f"label-studio not healthy after {START_TIMEOUT:.0f} s:\n{studio.log_tail()}", pytrace=False
                )
            try:
                with urllib.request.urlopen(studio.url + "/health", timeout=5) as response:
                    if response.status == 200:
                        break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.5)
        studio.startup = time.monotonic() - began
        print(f"\nLabel Studio {BIN} healthy after {studio.startup:.1f} s on port {port}", file=sys.stderr)
        yield studio
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=15)


def test_round_trip_through_label_studio(server, record_property):
    record_property("label_studio_startup_seconds", round(server.startup, 1))
    assert server.call("GET", "/api/current-user/whoami")["email"] == USER  # the legacy token works

    project = server.call(
        "POST", "/api/projects", {"title": "briefing-claims review", "label_config": ls.labelling_config()}
    )
    assert project["label_config"] == ls.labelling_config().strip()  # accepted as it is (less the last newline)

    docs = (*ROUND_TRIP, SKIPPED, UNTOUCHED)
    gold = load_gold(GOLD, set(docs))
    assert set(gold) == set(docs) and all(gold.values())
    tasks = ls.export_tasks(gold, ls.read_texts(CORPUS, docs))
    imported = server.call("POST", f"/api/projects/{project['id']}/import", tasks)
    assert (imported["task_count"], imported["prediction_count"]) == (len(docs), len(docs))

    listed = server.call("GET", f"/api/tasks?project={project['id']}&fields=all&page_size=100")
    by_doc = {task["data"]["doc_id"]: task for task in listed["tasks"]}
    assert set(by_doc) == set(docs)
    for doc_id in (*ROUND_TRIP, SKIPPED):
        task = by_doc[doc_id]
        (prediction,) = task["predictions"]
        assert prediction["result"] == tasks[sorted(docs).index(doc_id)]["predictions"][0]["result"]
        # the reviewer accepts the prediction as it is (or skips the task)
        body = {"result": prediction["result"], "was_cancelled": doc_id == SKIPPED, "lead_time": 12.5}
        if doc_id == SKIPPED:
            body["result"] = []
        server.call("POST", f"/api/tasks/{task['id']}/annotations", body)

    annotated = server.call("GET", f"/api/projects/{project['id']}/export?exportType=JSON")
    everything = server.call("GET", f"/api/projects/{project['id']}/export?exportType=JSON&download_all_tasks=true")
    assert {t["data"]["doc_id"] for t in everything} == set(docs)

    for export in (annotated, everything):
        back = ls.import_annotations(export)
        assert set(back) == set(ROUND_TRIP)  # the skipped and the untouched task give no gold
        for doc_id in ROUND_TRIP:
            assert back[doc_id] == gold[doc_id], doc_id

    written = ls.write_gold(ls.import_annotations(annotated), server.log.parent / "gold", corpus_dir=CORPUS)
    assert written == []
    for doc_id in ROUND_TRIP:
        assert (server.log.parent / "gold" / f"{doc_id}.jsonl").read_bytes() == (GOLD / f"{doc_id}.jsonl").read_bytes()
