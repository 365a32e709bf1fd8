"""lakehouse_pipeline: bronze, then silver, then gold, each requested from the runner by a trigger file.

Airflow never runs Spark: every step writes a trigger into the runner's trigger root and defers until the
runner's result file appears. Run it with a conf such as
``{"topics": "orders", "max_offsets_per_trigger": 100000, "bootstrap": "127.0.0.1:9092",
"trigger_root": "/opt/lakehouse/data/triggers"}`` (all optional). Gold's success updates the Asset
``lakehouse://gold/revenue_by_city_hour``, so downstream DAGs can be scheduled on it.
"""

import os

from airflow.sdk import Asset

from lakehouse_ops.pipeline import pipeline_dag

GOLD = Asset("lakehouse://gold/revenue_by_city_hour")


def bronze_params(conf):
    """Bronze's params: the run's conf over the deployment's Kafka address (``LAKEHOUSE_KAFKA_BOOTSTRAP``)."""
    bootstrap = os.environ.get("LAKEHOUSE_KAFKA_BOOTSTRAP")
    params = {"bootstrap": bootstrap} if bootstrap else {}
    params.update(conf.bronze_params())
    return params

dag = pipeline_dag(
    "lakehouse_pipeline",
    steps=[
        ("bronze", bronze_params),
        ("silver", lambda conf: {}),
        ("gold", lambda conf: {}),
    ],
    outlet=GOLD,
    doc=__doc__,
)
