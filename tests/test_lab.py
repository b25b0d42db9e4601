"""`make lab` starts JupyterLab (as root too, the usual case in a container): on a free port with a
token, the server shows the whole repository (data/, figures/, the README beside the notebooks), opens
on notebooks/, lists the project's kernel, then stops."""

import json
import os
import signal
import socket
import subprocess
import time
import urllib.parse
import urllib.request

import pytest

from helpers import ROOT, environment
from audit_pipeline import staging

pytestmark = pytest.mark.environment  # `make test-environment`, which CI runs after `make test`


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(port, path, token):
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers={"Authorization": f"token {token}"})
    with urllib.request.urlopen(request, timeout=5) as response:
        return json.loads(response.read())


def test_make_lab_starts_lists_the_notebooks_and_the_kernel_and_stops(tmp_path):
    port, token = _free_port(), "smoke-test-token"
    env = environment(JUPYTER_CONFIG_DIR=str(tmp_path / "config"), JUPYTER_RUNTIME_DIR=str(tmp_path / "runtime"),
                      JUPYTERLAB_WORKSPACES_DIR=str(tmp_path / "workspaces"))
    args = f"--no-browser --ip=127.0.0.1 --port={port} --port-retries=0 --IdentityProvider.token={token}"
    server = subprocess.Popen(["make", "--no-print-directory", "lab", f"LAB_ARGS={args}"], cwd=ROOT, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline, status = time.monotonic() + 90, None
        while time.monotonic() < deadline and status is None:
            assert server.poll() is None, server.stdout.read().decode()
            try:
                status = _get(port, "/api/status", token)
            except OSError:
                time.sleep(0.3)
        assert status is not None, "JupyterLab did not answer within 90 s"
        top = {item["name"] for item in _get(port, "/api/contents", token)["content"]}
        assert {"notebooks", "data", "figures", "README.md"} <= top
        names = {item["name"] for item in _get(port, "/api/contents/notebooks", token)["content"]}
        expected = {p.name for p in staging.published_notebooks()}
        assert expected <= names
        opening = urllib.request.urlopen(urllib.request.Request(
            f"http://127.0.0.1:{port}/?token={token}"), timeout=5)
        assert urllib.parse.urlsplit(opening.geturl()).path == "/lab/tree/notebooks"
        assert "python3" in _get(port, "/api/kernelspecs", token)["kernelspecs"]
        with pytest.raises(urllib.error.HTTPError):
            _get(port, "/api/contents", "wrong-token")
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
