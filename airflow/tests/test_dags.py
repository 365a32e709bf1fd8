"""The DAGs as Airflow loads them: no import errors, the task chain and its gating, the Gold asset."""

from __future__ import annotations

from airflow.dag_processing.dagbag import DagBag
from airflow.sdk import Asset

from conftest import DAGS


def _bag() -> DagBag:
    return DagBag(dag_folder=str(DAGS))


def test_dags_import_without_errors():
    bag = _bag()
    assert bag.import_errors == {}, bag.import_errors
    assert "lakehouse_pipeline" in bag.dag_ids


def test_pipeline_chain_gates_each_step_on_the_previous_success():
    dag = _bag().get_dag("lakehouse_pipeline")
    order = ["check_conf", "request_bronze", "await_bronze", "request_silver", "await_silver", "request_gold",
             "await_gold"]
    assert sorted(t.task_id for t in dag.tasks) == sorted(order)
    for before, after in zip(order, order[1:]):
        task = dag.get_task(after)
        assert task.upstream_task_ids == {before}, f"{after} runs only after {before}"
        assert task.trigger_rule == "all_success", f"{after} needs {before} to succeed"
    assert dag.schedule is None or str(dag.timetable.summary) in ("None", "")


def test_awaits_defer_and_gold_publishes_its_asset():
    dag = _bag().get_dag("lakehouse_pipeline")
    for job in ("bronze", "silver", "gold"):
        task = dag.get_task(f"await_{job}")
        assert type(task).__name__ == "AwaitResultOperator"
        assert hasattr(task, "execute_complete"), "deferrable: resumes from its trigger"
    assert dag.get_task("await_gold").outlets == [Asset("lakehouse://gold/revenue_by_city_hour")]
    assert dag.get_task("await_bronze").outlets == []
