"""docker/compose.yaml, checked without a Docker engine: every path it references exists, images are pinned,
published ports are bound to 127.0.0.1, and the runner's environment names settings the runner really reads."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

DOCKER = ROOT / "docker"


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load((DOCKER / "compose.yaml").read_text())


def _runner_settings() -> set[str]:
    """The runner's settings, from runner/README.md's table (which RunnerConfigTest keeps equal to the code)."""
    readme = (ROOT / "runner" / "README.md").read_text()
    section = readme.split("\n## Settings\n", 1)[1].split("\n## ", 1)[0]
    keys = set(re.findall(r"(?m)^\| `([a-z-]+)` \| ", section))
    assert "trigger-root" in keys and "http-port" in keys, "the settings table was found"
    return keys


def test_the_stack_has_every_service(compose):
    services = set(compose["services"])
    assert {"kafka", "runner", "producer", "postgres", "airflow-api-server", "airflow-scheduler",
            "airflow-dag-processor", "airflow-triggerer", "spark-master", "spark-worker", "runner-cluster"} <= services
    for name in ("spark-master", "spark-worker", "runner-cluster"):
        assert compose["services"][name].get("profiles") == ["spark"], f"{name} is in the spark profile"


def test_referenced_paths_exist(compose):
    for name, svc in compose["services"].items():
        build = svc.get("build")
        if build:
            context = (DOCKER / build["context"]).resolve()
            assert context.is_dir(), f"{name}: build context {context}"
            assert (context / build["dockerfile"]).is_file(), f"{name}: dockerfile {build['dockerfile']}"
        for volume in svc.get("volumes", []):
            source = volume.split(":")[0]
            if source.startswith((".", "/")):
                assert (DOCKER / source).resolve().exists(), f"{name}: bind mount {source}"
            else:
                assert source in compose["volumes"], f"{name}: named volume {source} is declared"
    dockerfile = (DOCKER / "runner.Dockerfile").read_text()
    for copied in re.findall(r"(?m)^COPY (?!--from)(\S+)", dockerfile):
        assert (ROOT / copied).exists(), f"the Dockerfile copies {copied}"
    assert "org.lakehouse.cli.LakehouseCli" in dockerfile
    assert (ROOT / "runner/src/main/java/org/lakehouse/cli/LakehouseCli.java").is_file()
    assert (ROOT / "config/jvm.options").is_file() and "config/jvm.options" in dockerfile


def test_images_are_pinned_and_ports_bound_to_loopback(compose):
    for name, svc in compose["services"].items():
        image = svc.get("image", "")
        assert re.fullmatch(r"[a-z0-9./_-]+:[0-9][A-Za-z0-9._-]*", image), f"{name}: image {image!r} has a version tag"
        for port in svc.get("ports", []):
            assert str(port).startswith("127.0.0.1:"), f"{name}: port {port} is published on loopback only"
    assert compose["services"]["airflow-api-server"]["image"].startswith("apache/airflow:3.")
    assert compose["services"]["kafka"]["image"].startswith("apache/kafka:")
    assert compose["services"]["spark-master"]["image"].startswith("apache/spark:4.1.1")


def test_runner_environment_names_real_settings(compose):
    keys = _runner_settings()
    for name in ("runner", "runner-cluster"):
        env = compose["services"][name]["environment"]
        for var, value in env.items():
            if not var.startswith("LAKEHOUSE_RUNNER_"):
                assert var in ("LAKEHOUSE_JAVA_OPTS",), f"{name}: unexpected variable {var}"
                continue
            key = var[len("LAKEHOUSE_RUNNER_"):].lower().replace("_", "-")
            assert key in keys, f"{name}: {var} is no runner setting (known: {sorted(keys)})"
        assert env["LAKEHOUSE_RUNNER_TRIGGER_ROOT"] == "/lake/triggers"
    cluster = compose["services"]["runner-cluster"]["environment"]
    assert cluster["LAKEHOUSE_RUNNER_LAUNCHER"] == "cluster"
    assert cluster["LAKEHOUSE_RUNNER_SPARK_MASTER"] == "spark://spark-master:7077"
    jar = Path(cluster["LAKEHOUSE_RUNNER_JOBS_JAR"]).name
    version = re.search(r"<version>([^<]+)</version>", (ROOT / "pom.xml").read_text().split("</parent>")[-1]).group(1)
    assert jar == f"lakehouse-jobs-{version}-spark.jar", "the jobs jar the image holds"


def test_airflow_and_the_runner_share_the_trigger_volume_and_a_group(compose):
    airflow = compose["services"]["airflow-scheduler"]
    runner = compose["services"]["runner"]
    assert "triggers:/lake/triggers" in airflow["volumes"] and "triggers:/lake/triggers" in runner["volumes"]
    assert airflow["user"].split(":") == ["50000", "1337"] and runner["user"].split(":")[1] == "1337"
    assert airflow["environment"]["LAKEHOUSE_TRIGGER_ROOT"] == runner["environment"]["LAKEHOUSE_RUNNER_TRIGGER_ROOT"]
    init = " ".join(compose["services"]["volume-init"]["command"])
    assert "chmod 2770 /lake/triggers/incoming" in init and ":1337" in init, \
        "incoming/ setgid and group-writable, never world-writable (the runner refuses that)"
    assert "g-w" in init, "the runner's own folders are not group-writable (the runner refuses that)"


def test_compose_config_is_valid_for_docker():
    docker = shutil.which("docker")
    if docker is None or subprocess.run([docker, "info"], capture_output=True).returncode != 0:
        pytest.skip("no Docker engine here: `docker compose config` not run (the checks above ran without it)")
    out = subprocess.run([docker, "compose", "-f", str(DOCKER / "compose.yaml"), "--profile", "spark", "config",
                          "--quiet"], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
