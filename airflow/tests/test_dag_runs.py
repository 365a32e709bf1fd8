"""``dag.test()`` against a real runner process: success, failure with the runner's message, and a task rerun
that does not start a second job."""

from __future__ import annotations

import json
from pathlib import Path

from lakehouse_ops.operators import request_job


def _ledger(root: Path) -> list[dict]:
    f = root / "ledger" / "runs.jsonl"
    return [json.loads(line) for line in f.read_text().splitlines() if line.strip()] if f.exists() else []


def _started(root: Path) -> list[dict]:
    return [e for e in _ledger(root) if e["event"] == "STARTED"]


def _dag(dag_id: str):
    from airflow.dag_processing.dagbag import DagBag
    from conftest import TEST_DAGS
    bag = DagBag(dag_folder=str(TEST_DAGS))
    assert not bag.import_errors, bag.import_errors
    return bag.get_dag(dag_id)


def _states(dag_run) -> dict[str, str]:
    from airflow.utils.session import create_session
    from airflow.models import TaskInstance
    with create_session() as session:
        tis = session.query(TaskInstance).filter(TaskInstance.dag_id == dag_run.dag_id,
                                                 TaskInstance.run_id == dag_run.run_id).all()
        return {ti.task_id: str(ti.state) for ti in tis}


def test_a_pipeline_run_succeeds_with_one_run_per_step(start_runner):
    root = start_runner()
    dag = _dag("lakehouse_test_ok")
    run = dag.test(run_conf={"trigger_root": str(root)})
    assert str(run.state) == "success", _states(run)
    started = _started(root)
    assert len(started) == 2, f"one run per step: {started}"
    assert {e["requested_by"][0].split("/")[-1] for e in started} == {"request_noop", "request_noop_1"}
    assert all(e["requested_by"][0].startswith("airflow:lakehouse_test_ok/") for e in started)

    # the request task retried (same dag, run and task): the same id, answered DUPLICATE, no second run
    again = request_job("noop", {"sleep_ms": "50"}, {"trigger_root": str(root)}, "lakehouse_test_ok", run.run_id,
                        "request_noop")
    from lakehouse_triggers import wait_for_result
    import datetime as dt
    result = wait_for_result(root, again["trigger_id"], dt.datetime.fromisoformat(again["written_at"]), timeout=60,
                             poll=0.1)
    assert result.status == "DUPLICATE" and result.original_run_id == started[0]["run_id"]
    assert len(_started(root)) == 2, "the rerun started no job"


def test_a_failing_job_fails_the_run_with_the_runners_message(start_runner, capfd):
    root = start_runner("max-attempts=1")
    dag = _dag("lakehouse_test_fail")
    run = dag.test(run_conf={"trigger_root": str(root)})
    states = _states(run)
    assert str(run.state) == "failed", states
    assert states["await_noop"] == "failed"
    assert states["request_noop_1"] == "upstream_failed", "the next step never starts"
    out = capfd.readouterr()
    assert "failed on purpose" in out.out + out.err, "the task log shows the runner's error text"
    assert len(_started(root)) == 1


def test_bad_conf_fails_before_any_trigger_is_written(start_runner):
    root = start_runner()
    dag = _dag("lakehouse_test_ok")
    run = dag.test(run_conf={"trigger_root": str(root), "max_offsets_per_trigger": -5})
    assert str(run.state) == "failed"
    assert _states(run)["check_conf"] == "failed"
    assert not list((root / "incoming").iterdir()) and not _ledger(root)
