"""Pipelines of the runner's built-in ``noop`` job, for the tests only: they exercise the trigger path (request,
defer, result, gating) against a real runner without Spark."""

from airflow.sdk import Asset

from lakehouse_ops.pipeline import pipeline_dag


def _noop_pipeline(dag_id, first_params):
    return pipeline_dag(dag_id, steps=[("noop", lambda conf: first_params), ("noop", lambda conf: {})],
                        outlet=Asset(f"lakehouse://test/{dag_id}"), poll_interval=0.2)


ok = _noop_pipeline("lakehouse_test_ok", {"sleep_ms": "50"})
fail = _noop_pipeline("lakehouse_test_fail", {"fail": "fatal"})
