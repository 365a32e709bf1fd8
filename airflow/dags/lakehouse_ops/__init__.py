"""Airflow pieces of the lakehouse DAGs: request a job by trigger file, await its result without a worker slot."""
