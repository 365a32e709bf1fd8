"""The runner's trigger protocol (v1, runner/README.md) for Python clients: write triggers, read results.

Plain Python, no Airflow import: the DAGs use it, and so can any script.
"""

from lakehouse_triggers.protocol import (
    PROTOCOL_VERSION,
    PipelineConf,
    Result,
    ResultTimeout,
    TriggerError,
    derive_id,
    read_result,
    validate_conf,
    wait_for_result,
    write_trigger,
)

__all__ = [
    "PROTOCOL_VERSION",
    "PipelineConf",
    "Result",
    "ResultTimeout",
    "TriggerError",
    "derive_id",
    "read_result",
    "validate_conf",
    "wait_for_result",
    "write_trigger",
]
