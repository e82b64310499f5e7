"""Start nginx with `hosting/nginx.conf` on 127.0.0.1 for tests (reused by the browser suite)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from macros.cli.hosting import TEMPLATE, nginx_config, site_script_hashes

NO_NGINX = ("nginx is not installed; `make test` installs it on Debian "
            "(apt-get install nginx-light)")


def nginx_binary() -> str | None:
    """Path of the nginx executable, or None when it is not installed."""
    found = shutil.which("nginx")
    if found:
        return found
    return "/usr/sbin/nginx" if Path("/usr/sbin/nginx").is_file() else None


def require_nginx() -> str:
    """The nginx executable; skip without it locally, but fail in CI where it must exist."""
    binary = nginx_binary()
    if binary is None:
        if os.environ.get("CI"):
            pytest.fail(NO_NGINX, pytrace=False)
        pytest.skip(NO_NGINX)
    return binary


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_listening(port: int, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"nginx exited with {process.returncode}:\n"
                               f"{log.read_text(errors='replace') if log.exists() else ''}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.05)
    process.kill()
    raise RuntimeError(f"nginx did not listen on 127.0.0.1:{port} within 10 s")


def start_nginx(site_dir: Path) -> tuple[str, Callable[[], None]]:
    """Serve `site_dir` with the repository's nginx configuration; return (base URL, stop)."""
    binary = require_nginx()
    prefix = Path(tempfile.mkdtemp(prefix="playbook-nginx-"))
    for folder in ("logs", "tmp"):
        (prefix / folder).mkdir()
    port = _free_port()
    config = nginx_config(TEMPLATE.read_text(encoding="utf-8"), root=site_dir.resolve(),
                          listen=f"127.0.0.1:{port}", hashes=site_script_hashes(site_dir))
    (prefix / "nginx.conf").write_text(config, encoding="utf-8")
    log = prefix / "logs" / "error.log"
    # One foreground process as the current user: no privilege drop, nothing left running.
    process = subprocess.Popen(
        [binary, "-p", f"{prefix}/", "-c", "nginx.conf", "-e", "logs/error.log",
         "-g", "daemon off; master_process off;"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait_listening(port, process, log)
    except RuntimeError:
        shutil.rmtree(prefix, ignore_errors=True)
        raise

    def stop() -> None:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        shutil.rmtree(prefix, ignore_errors=True)

    return f"http://127.0.0.1:{port}/", stop
