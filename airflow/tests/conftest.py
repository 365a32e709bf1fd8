"""Test set-up: an Airflow home of its own under the build directory (SQLite, no examples), the DAGs folder on
sys.path, and fixtures that start real lakehouse processes (runner, Kafka broker) from the project's jars."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(os.environ.get("LAKEHOUSE_ROOT", Path(__file__).resolve().parents[2]))
DAGS = ROOT / "airflow" / "dags"
BUILD = ROOT / "airflow" / "target"
AIRFLOW_HOME = BUILD / "airflow-home"

os.environ["AIRFLOW_HOME"] = str(AIRFLOW_HOME)
os.environ["AIRFLOW__CORE__LOAD_EXAMPLES"] = "False"
#: The DAG folder Airflow parses in the tests: the real DAGs plus the test-only ones, linked side by side
TEST_DAGS = BUILD / "test-dags"
os.environ["AIRFLOW__CORE__DAGS_FOLDER"] = str(TEST_DAGS)
os.environ.setdefault("AIRFLOW__LOGGING__LOGGING_LEVEL", "WARNING")
sys.path.insert(0, str(DAGS))


def pytest_sessionstart(session):
    AIRFLOW_HOME.mkdir(parents=True, exist_ok=True)
    TEST_DAGS.mkdir(parents=True, exist_ok=True)
    for src in [*DAGS.iterdir(), *(Path(__file__).parent / "dags").iterdir()]:
        link = TEST_DAGS / src.name
        if src.name != "__pycache__" and not link.is_symlink():
            link.symlink_to(src)
    subprocess.run([sys.executable, "-m", "airflow", "db", "migrate"], check=True, capture_output=True)


def java_command(main_args: list[str], extra_jvm: list[str] | None = None) -> list[str]:
    """``java @config/jvm.options -cp <runner jar + runtime classpath> LakehouseCli ...``: the launcher's command."""
    target = ROOT / "runner" / "target"
    jars = sorted(p for p in target.glob("lakehouse-runner-*.jar") if "sources" not in p.name)
    classpath_file = target / "runtime.classpath"
    if not jars or not classpath_file.exists():
        pytest.fail(f"the runner is not built ({target}): run `mvn -B verify` (or `mvn -q -DskipTests package`) first")
    java = Path(os.environ["JAVA_HOME"]) / "bin" / "java" if os.environ.get("JAVA_HOME") else "java"
    return [str(java), f"@{ROOT / 'config' / 'jvm.options'}", *(extra_jvm or []), f"-Dlakehouse.root={ROOT}",
            f"-Dlogback.configurationFile={ROOT / 'config' / 'logback.xml'}",
            "-cp", f"{jars[0]}:{classpath_file.read_text().strip()}", "org.lakehouse.cli.LakehouseCli", *main_args]


class Proc:
    """A lakehouse process with its output in a log file."""

    def __init__(self, args: list[str], log: Path):
        self.log = log
        env = dict(os.environ, SPARK_LOCAL_IP="127.0.0.1")
        self._out = open(log, "w")
        self.popen = subprocess.Popen(java_command(args), stdout=self._out, stderr=subprocess.STDOUT, env=env)

    def text(self) -> str:
        return self.log.read_text() if self.log.exists() else ""

    def wait_for(self, needle: str, timeout: float = 120.0) -> None:
        deadline = time.monotonic() + timeout
        while needle not in self.text():
            if self.popen.poll() is not None:
                pytest.fail(f"process exited {self.popen.returncode} before printing {needle!r}:\n{self.text()}")
            if time.monotonic() > deadline:
                pytest.fail(f"no {needle!r} within {timeout} s:\n{self.text()}")
            time.sleep(0.2)

    def stop(self) -> None:
        if self.popen.poll() is None:
            self.popen.terminate()
            try:
                self.popen.wait(60)
            except subprocess.TimeoutExpired:
                self.popen.kill()
        self._out.close()


@pytest.fixture
def start_runner(tmp_path):
    """Starts ``lakehouse runner`` on ``<tmp>/triggers``; returns the trigger root."""
    procs: list[Proc] = []

    def start(*settings: str, spark: bool = False) -> Path:
        root = tmp_path / "triggers"
        args = ["runner", "--trigger-root", str(root), "--http-port", "-1", "--set", "rescan-interval-ms=500",
                "--set", f"data-dir={tmp_path / 'lake'}", "--set", f"warm-up={'true' if spark else 'false'}"]
        for s in settings:
            args += ["--set", s]
        p = Proc(args, tmp_path / f"runner-{len(procs)}.log")
        procs.append(p)
        p.wait_for("watching")
        return root

    yield start
    for p in procs:
        p.stop()


@pytest.fixture
def kafka(tmp_path):
    """A real KRaft broker (``lakehouse kafka``) on a free port; yields its bootstrap address."""
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    p = Proc(["kafka", "--port", str(port), "--data-dir", str(tmp_path / "kafka")], tmp_path / "kafka.log")
    p.wait_for(f"127.0.0.1:{port}", timeout=120)
    yield f"127.0.0.1:{port}"
    p.stop()


def run_cli(*args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run(java_command(list(args)), capture_output=True, text=True, timeout=timeout,
                          env=dict(os.environ, SPARK_LOCAL_IP="127.0.0.1"))
