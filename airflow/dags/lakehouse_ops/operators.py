"""Requesting a job and awaiting its result, as Airflow tasks."""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
from pathlib import Path
from typing import Any

from airflow.sdk import BaseOperator
from airflow.sdk.exceptions import AirflowException

from lakehouse_ops.result_trigger import ResultTrigger
from lakehouse_triggers import Result, derive_id, read_result, validate_conf, write_trigger

log = logging.getLogger(__name__)


def default_trigger_root() -> str:
    """``LAKEHOUSE_TRIGGER_ROOT``, else the checkout's ``data/triggers`` (the DAGs live in ``airflow/dags``)."""
    return os.environ.get("LAKEHOUSE_TRIGGER_ROOT") or str(Path(__file__).resolve().parents[3] / "data" / "triggers")


def request_job(job: str, params: dict[str, str], conf: dict[str, Any] | None, dag_id: str, run_id: str,
                task_id: str) -> dict[str, str]:
    """What a request task does: validate the run's conf, then write the trigger (id from dag, run and task, so
    a retry of the task writes the same id and the runner answers DUPLICATE rather than running again)."""
    checked = validate_conf(conf, default_trigger_root())
    trigger_id = derive_id(dag_id, run_id, task_id)
    written_at = dt.datetime.now(dt.timezone.utc) - dt.timedelta(milliseconds=1)
    path = write_trigger(checked.trigger_root, job, trigger_id, params,
                         requested_by=f"airflow:{dag_id}/{run_id}/{task_id}")
    log.info("Requested %s: trigger %s written to %s", job, trigger_id, path)
    return {"job": job, "trigger_id": trigger_id, "trigger_root": checked.trigger_root,
            "written_at": written_at.isoformat()}


class AwaitResultOperator(BaseOperator):
    """Waits for the result of the trigger a request task wrote, deferred to the triggerer (no worker slot).

    SUCCEEDED or DUPLICATE: the job's metrics go to the log and to XCom (the return value). FAILED: the task fails
    with the runner's error text. No result within ``timeout``: the task fails.
    """

    ui_color = "#e8f4ff"

    def __init__(self, *, request_task_id: str, poll_interval: float = 2.0,
                 timeout: dt.timedelta = dt.timedelta(hours=2), **kwargs: Any):
        super().__init__(**kwargs)
        self.request_task_id = request_task_id
        self.poll_interval = poll_interval
        self.wait_timeout = timeout

    def execute(self, context: Any) -> Any:
        request = context["ti"].xcom_pull(task_ids=self.request_task_id)
        if not request:
            raise AirflowException(f"no request found from task {self.request_task_id}")
        written_after = dt.datetime.fromisoformat(request["written_at"])
        result = read_result(request["trigger_root"], request["trigger_id"], written_after)
        if result is not None:
            return self._finish(result)
        self.defer(trigger=ResultTrigger(request["trigger_root"], request["trigger_id"], request["written_at"],
                                         self.poll_interval),
                   method_name="execute_complete", timeout=self.wait_timeout)

    def execute_complete(self, context: Any, event: dict[str, Any] | None = None) -> Any:
        if event is None:
            raise AirflowException("the result trigger ended without a result")
        return self._finish(Result.parse(event))

    def _finish(self, result: Result) -> dict[str, Any]:
        log.info("Runner answered %s for trigger %s (job %s, run %s)", result.status, result.trigger_id,
                 result.job, result.run_id or result.original_run_id)
        if result.metrics:
            log.info("Job metrics: %s", json.dumps(result.metrics, sort_keys=True))
        if not result.ok:
            raise AirflowException(f"{result.job} {result.status} (trigger {result.trigger_id}): {result.error}")
        return {"status": result.status, "trigger_id": result.trigger_id,
                "run_id": result.run_id or result.original_run_id, "metrics": result.metrics or {}}
