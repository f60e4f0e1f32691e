"""A throwaway PostgreSQL cluster for benchmarks, as scripts/test-postgres makes one for the test suite.

initdb as the postgres OS user (it refuses root) into a temporary folder, trust authentication, loopback only,
a private port, fsync off; `remove()` stops it and deletes the folder. Shared by the bench scripts.
"""

# ruff: noqa: S603 — fixed commands of the PostgreSQL packages against loopback
from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path
from typing import Any


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def run(command: list[str], timeout: float, **kwargs: Any) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, check=True, timeout=timeout, text=True, **kwargs)


class Cluster:
    """A throwaway cluster as in scripts/test-postgres: initdb as postgres, trust, loopback, private port."""

    def __init__(self) -> None:
        self.bindir = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: int(p.parent.name))[-1]
        self.port = int(os.environ.get("BENCH_PG_PORT") or free_port())
        self.dir = Path(tempfile.mkdtemp(prefix="teacherpa-bench-pg-"))
        self.started = False

    def as_postgres(self, *command: str) -> list[str]:
        return ["runuser", "-u", "postgres", "--", *command] if os.getuid() == 0 else list(command)

    def start(self) -> str:
        if os.getuid() == 0:
            shutil.chown(self.dir, "postgres")
        data = str(self.dir / "data")
        run(
            self.as_postgres(str(self.bindir / "initdb"), "-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8")
            + ["--locale=C.UTF-8"],
            timeout=60,
            stdout=subprocess.DEVNULL,
        )
        options = (
            f"-c listen_addresses=127.0.0.1 -p {self.port} -c fsync=off -c synchronous_commit=off "
            f"-c full_page_writes=off -k {self.dir}"
        )
        self.started = True
        run(
            self.as_postgres(str(self.bindir / "pg_ctl"), "-D", data, "-l", str(self.dir / "log"), "-w", "-t", "30")
            + ["-o", options, "start"],
            timeout=60,
            stdout=subprocess.DEVNULL,
        )
        psql = [str(self.bindir / "psql"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "-qc"]
        run([*psql, "CREATE DATABASE teacherpa"], timeout=30, stdout=subprocess.DEVNULL)
        return f"postgres://postgres@127.0.0.1:{self.port}/teacherpa"

    def remove(self) -> None:
        if self.started:
            with contextlib.suppress(Exception):
                subprocess.run(
                    self.as_postgres(str(self.bindir / "pg_ctl"), "-D", str(self.dir / "data"), "-m", "immediate")
                    + ["stop"],
                    timeout=30,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )
        shutil.rmtree(self.dir, ignore_errors=True)
