"""lakehouse_pipeline end to end: a real Kafka broker, a real runner with Spark and Delta, real Airflow."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import run_cli


def test_the_pipeline_dag_runs_bronze_silver_gold_once_each(kafka, start_runner, tmp_path: Path):
    manifest = tmp_path / "manifest.json"
    produced = run_cli("produce", "--bootstrap", kafka, "--topic", "airflow-orders", "--count", "1500",
                       "--manifest", str(manifest))
    assert produced.returncode == 0, produced.stderr
    root = start_runner(spark=True)

    from airflow.dag_processing.dagbag import DagBag
    from conftest import TEST_DAGS
    dag = DagBag(dag_folder=str(TEST_DAGS)).get_dag("lakehouse_pipeline")
    run = dag.test(run_conf={"trigger_root": str(root), "bootstrap": kafka, "topics": "airflow-orders",
                             "max_offsets_per_trigger": 1000})
    assert str(run.state) == "success"

    ledger = [json.loads(l) for l in (root / "ledger" / "runs.jsonl").read_text().splitlines() if l.strip()]
    succeeded = [e["job"] for e in ledger if e["event"] == "SUCCEEDED"]
    assert sorted(succeeded) == ["bronze", "gold", "silver"], f"one successful run per job: {succeeded}"
    bronze = next(e for e in ledger if e["event"] == "SUCCEEDED" and e["job"] == "bronze")
    assert bronze["metrics"]["rows_in"] == 1500
    assert bronze["metrics"]["batches"] == 2, "max_offsets_per_trigger reached the job"

    from airflow.models.xcom import XComModel
    from airflow.utils.session import create_session
    with create_session() as session:
        row = session.query(XComModel).filter(XComModel.dag_id == dag.dag_id, XComModel.run_id == run.run_id,
                                              XComModel.task_id == "await_gold",
                                              XComModel.key == "return_value").one()
        value = row.value if isinstance(row.value, dict) else json.loads(row.value)
    assert value["status"] == "SUCCEEDED" and value["metrics"]["job"] == "gold", "metrics pushed to XCom"

    reconcile = run_cli("reconcile", "--manifest", str(manifest), "--bootstrap", kafka, "--data-dir",
                        str(tmp_path / "lake"))
    assert reconcile.returncode == 0, reconcile.stdout + reconcile.stderr
    assert reconcile.stdout.rstrip().endswith("OK")
