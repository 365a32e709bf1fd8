"""The plain-Python trigger module: atomic writes, stable ids, result parsing, timeouts, conf validation."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from lakehouse_triggers import (PipelineConf, Result, ResultTimeout, TriggerError, derive_id, read_result,
                                validate_conf, wait_for_result, write_trigger)


@pytest.fixture
def root(tmp_path: Path) -> Path:
    for d in ("incoming", "results"):
        (tmp_path / d).mkdir()
    return tmp_path


def test_the_module_needs_no_airflow():
    code = "import sys, lakehouse_triggers; assert 'airflow' not in sys.modules, sorted(sys.modules)"
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).parents[1] / "dags")


def test_write_is_atomic_a_reader_never_sees_a_partial_trigger(root: Path):
    stop = threading.Event()
    seen, bad = [], []

    def reader():
        while not stop.is_set():
            for f in (root / "incoming").iterdir():
                if f.name.startswith(".") or not f.name.endswith(".trigger"):
                    continue
                try:
                    json.loads(f.read_text())
                    seen.append(f.name)
                except (json.JSONDecodeError, FileNotFoundError) as e:
                    if not isinstance(e, FileNotFoundError):
                        bad.append(f.name)

    t = threading.Thread(target=reader)
    t.start()
    try:
        for i in range(300):
            write_trigger(root, "bronze", f"atomic-{i}", {"topics": "x" * 2000, "max_offsets_per_trigger": i + 1})
    finally:
        stop.set()
        t.join()
    assert not bad, f"partial triggers seen: {bad[:5]}"
    assert seen, "the reader saw the triggers"
    assert not [f for f in (root / "incoming").iterdir() if f.name.endswith(".tmp")], "no temporary file left"
    body = json.loads((root / "incoming" / "bronze.atomic-7.trigger").read_text())
    assert body == {"version": 1, "job": "bronze", "id": "atomic-7",
                    "params": {"topics": "x" * 2000, "max_offsets_per_trigger": "8"}}


def test_ids_are_stable_distinct_and_safe():
    a = derive_id("lakehouse_pipeline", "manual__2026-12-01T10:00:00+00:00", "request_bronze")
    assert a == derive_id("lakehouse_pipeline", "manual__2026-12-01T10:00:00+00:00", "request_bronze"), "stable"
    assert a != derive_id("lakehouse_pipeline", "manual__2026-12-01T10:00:00+00:00", "request_silver")
    assert a != derive_id("lakehouse_pipeline", "manual__2026-12-02T10:00:00+00:00", "request_bronze")
    assert a.startswith("af.lakehouse_pipeline.request_bronze.")
    long = derive_id("d" * 300, "r" * 300, "t" * 300)
    for i in (a, long):
        assert len(i) <= 128 and all(c.isalnum() or c in "._-:" for c in i), i


def test_bad_requests_are_refused_before_writing(root: Path):
    for job, tid, params, needle in [("Bronze", "x", {}, "not a job name"), ("bronze", "../x", {}, "not allowed"),
                                     ("bronze", "x", {"spark.master": "y"}, "snake_case"),
                                     ("bronze", "x", {"a": [1]}, "string, number or boolean")]:
        with pytest.raises(TriggerError, match=needle):
            write_trigger(root, job, tid, params)
    assert not list((root / "incoming").iterdir())
    with pytest.raises(TriggerError, match="does not exist"):
        write_trigger(root / "nowhere", "bronze", "x")


def _result(root: Path, **fields) -> None:
    base = {"protocol_version": 1, "trigger_id": "t-1", "job": "silver",
            "finished_at": "2026-12-01T18:08:24.163739676Z", "runner_id": "runner-1", "runner_version": "0.1.0"}
    base.update(fields)
    (root / "results" / f"{base['trigger_id']}.json").write_text(json.dumps(base))


def test_results_parse_succeeded_failed_and_duplicate(root: Path):
    _result(root, status="SUCCEEDED", run_id="silver-1", metrics={"rows_in": 10, "rows_out": 9})
    r = read_result(root, "t-1")
    assert r.ok and r.status == "SUCCEEDED" and r.metrics["rows_out"] == 9 and r.run_id == "silver-1"
    assert r.finished_at == dt.datetime(2026, 12, 1, 18, 8, 24, 163739, tzinfo=dt.timezone.utc)
    _result(root, status="FAILED", run_id="silver-2", error="Job silver failed: broker down.")
    r = read_result(root, "t-1")
    assert not r.ok and r.error == "Job silver failed: broker down."
    _result(root, status="DUPLICATE", original_run_id="silver-1")
    r = read_result(root, "t-1")
    assert r.ok and r.original_run_id == "silver-1"
    _result(root, status="MAYBE")
    with pytest.raises(TriggerError, match="not one of"):
        read_result(root, "t-1")
    assert read_result(root, "none") is None


def test_a_result_older_than_the_request_is_ignored(root: Path):
    _result(root, status="FAILED", error="old")
    after = dt.datetime(2026, 12, 1, 19, 0, tzinfo=dt.timezone.utc)
    assert read_result(root, "t-1", written_after=after) is None
    assert read_result(root, "t-1", written_after=after - dt.timedelta(hours=2)).error == "old"


def test_waiting_times_out_with_a_clear_error(root: Path):
    now = [0.0]
    with pytest.raises(ResultTimeout, match="no result for trigger t-9 .* after 30 s"):
        wait_for_result(root, "t-9", timeout=30, poll=5, clock=lambda: now[0],
                        sleep=lambda s: now.__setitem__(0, now[0] + s))
    _result(root, trigger_id="t-9", status="SUCCEEDED")
    assert wait_for_result(root, "t-9", timeout=1, clock=lambda: 0.0, sleep=lambda s: None).ok


def test_conf_is_validated(root: Path):
    c = validate_conf({"topics": "orders,more", "max_offsets_per_trigger": "500", "bootstrap": "127.0.0.1:9092"},
                      str(root))
    assert c == PipelineConf(str(root), "127.0.0.1:9092", "orders,more", 500)
    assert c.bronze_params() == {"bootstrap": "127.0.0.1:9092", "topics": "orders,more",
                                 "max_offsets_per_trigger": "500"}
    assert validate_conf(None, str(root)).bronze_params() == {}
    for conf, needle in [({"topic": "x"}, "unknown conf key"), ({"topics": "a b"}, "topic names"),
                         ({"max_offsets_per_trigger": 0}, "above 0"), ({"max_offsets_per_trigger": True}, "above 0"),
                         ({"bootstrap": "nohost"}, "host:port"), ({"trigger_root": "relative"}, "absolute"),
                         ({"trigger_root": str(root / "nope")}, "no incoming/")]:
        with pytest.raises(TriggerError, match=needle):
            validate_conf(conf, str(root))
