"""Pipelines of runner jobs as DAGs: for each step, request (write a trigger), then await (defer until its result).

Each step starts only when the previous one's await SUCCEEDED (or answered DUPLICATE of a success): the default
``all_success`` trigger rule, so a failed bronze leaves silver and gold ``upstream_failed``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Callable, Sequence

from airflow.sdk import DAG, Asset, task

from lakehouse_ops.operators import AwaitResultOperator, default_trigger_root, request_job
from lakehouse_triggers import validate_conf

#: A step: the job, and its params from the validated conf.
Step = tuple[str, Callable[[Any], dict[str, str]]]


def pipeline_dag(dag_id: str, steps: Sequence[Step], outlet: Asset | None = None, *,
                 timeout: dt.timedelta = dt.timedelta(hours=2), poll_interval: float = 2.0,
                 doc: str | None = None) -> DAG:
    with DAG(dag_id=dag_id, schedule=None, start_date=dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc),
             catchup=False, max_active_runs=1, tags=["lakehouse"], doc_md=doc,
             params={"trigger_root": None, "bootstrap": None, "topics": None, "max_offsets_per_trigger": None},
             default_args={"retries": 1, "retry_delay": dt.timedelta(seconds=10)}) as dag:

        @task(task_id="check_conf", retries=0)
        def check_conf(**context: Any) -> dict[str, Any]:
            """Fails the run before any trigger is written when its conf is not usable."""
            conf = validate_conf(context["dag_run"].conf, default_trigger_root())
            return {"trigger_root": conf.trigger_root}

        previous = check_conf()
        last = None
        for i, (job, params_of) in enumerate(steps):
            request_id = f"request_{job}" if i == 0 or steps[i - 1][0] != job else f"request_{job}_{i}"

            @task(task_id=request_id)
            def request(job: str = job, params_of: Callable[[Any], dict[str, str]] = params_of,
                        **context: Any) -> dict[str, str]:
                ti = context["ti"]
                conf = context["dag_run"].conf
                return request_job(job, params_of(validate_conf(conf, default_trigger_root())), conf, ti.dag_id,
                                   ti.run_id, ti.task_id)

            req = request()
            await_step = AwaitResultOperator(task_id=request_id.replace("request_", "await_", 1),
                                             request_task_id=request_id, poll_interval=poll_interval,
                                             timeout=timeout, retries=0,
                                             outlets=[outlet] if outlet is not None and i == len(steps) - 1 else [])
            previous >> req >> await_step
            previous = await_step
            last = await_step
        assert last is not None
    return dag
