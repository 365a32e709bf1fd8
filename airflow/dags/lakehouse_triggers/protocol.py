"""Trigger protocol v1: the client side.

A trigger is written whole under a hidden temporary name in ``incoming/`` and renamed into place, so the runner
never sees a partial file. Its id makes it idempotent: the runner answers a second trigger whose id already
succeeded with DUPLICATE instead of running again. Results are ``results/<id>.json``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import os
import re
import time
import uuid
from pathlib import Path
from typing import Any, Callable, Mapping

PROTOCOL_VERSION = 1
_ID = re.compile(r"[A-Za-z0-9_][A-Za-z0-9._:-]{0,127}")
_JOB = re.compile(r"[a-z][a-z0-9_-]{0,63}")
_PARAM = re.compile(r"[a-z][a-z0-9_]{0,63}")
_TOPICS = re.compile(r"[A-Za-z0-9._-]+(,[A-Za-z0-9._-]+)*")
_BOOTSTRAP = re.compile(r"[A-Za-z0-9.-]+:\d{1,5}(,[A-Za-z0-9.-]+:\d{1,5})*")
STATUSES = ("SUCCEEDED", "FAILED", "DUPLICATE")


class TriggerError(ValueError):
    """A trigger or a DAG run's conf that cannot be used; the message says what and how to fix it."""


class ResultTimeout(TimeoutError):
    """No result arrived in time."""


def derive_id(dag_id: str, run_id: str, task_id: str) -> str:
    """The idempotency id of one Airflow task's request: stable across the task's retries.

    Readable (``af.<dag>.<task>.<hash>``) and safe as a file name; the hash covers all three parts, so two runs or
    two tasks never share an id.
    """
    digest = hashlib.sha256("\0".join((dag_id, run_id, task_id)).encode("utf-8")).hexdigest()[:16]

    def clean(s: str, n: int) -> str:
        return re.sub(r"[^A-Za-z0-9_-]", "_", s)[:n]

    return f"af.{clean(dag_id, 40)}.{clean(task_id, 40)}.{digest}"


def _check_request(job: str, trigger_id: str, params: Mapping[str, Any]) -> dict[str, str]:
    if not _JOB.fullmatch(job):
        raise TriggerError(f"job {job!r} is not a job name: lower-case letters, digits, '_' or '-'")
    if not _ID.fullmatch(trigger_id):
        raise TriggerError(f"trigger id {trigger_id!r} is not allowed: 1 to 128 of A-Z a-z 0-9 . _ - :, "
                           "not starting with '.' or '-'")
    out = {}
    for name, value in params.items():
        if not _PARAM.fullmatch(name):
            raise TriggerError(f"param name {name!r} is not allowed: snake_case job parameters only")
        if isinstance(value, bool):
            value = "true" if value else "false"
        if not isinstance(value, (str, int, float)):
            raise TriggerError(f"param {name!r} must be a string, number or boolean, not {type(value).__name__}")
        out[name] = str(value)
    return out


def write_trigger(root: str | os.PathLike, job: str, trigger_id: str, params: Mapping[str, Any] | None = None,
                  requested_by: str | None = None) -> Path:
    """Writes a trigger atomically into ``<root>/incoming`` and returns its final path."""
    incoming = Path(root) / "incoming"
    if not incoming.is_dir():
        raise TriggerError(f"{incoming} does not exist: is the runner's trigger root {root}? The runner creates "
                           "it at start-up (`lakehouse runner`).")
    body: dict[str, Any] = {"version": PROTOCOL_VERSION, "job": job, "id": trigger_id,
                            "params": _check_request(job, trigger_id, params or {})}
    if requested_by:
        body["requested_by"] = requested_by
    target = incoming / f"{job}.{trigger_id.replace(':', '_')}.trigger"
    tmp = incoming / f".{target.name}.{uuid.uuid4().hex}.tmp"
    try:
        with open(tmp, "x", encoding="utf-8") as f:
            json.dump(body, f)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, target)
    finally:
        if tmp.exists():
            tmp.unlink()
    return target


@dataclasses.dataclass(frozen=True)
class Result:
    """``results/<id>.json`` as the runner wrote it."""

    trigger_id: str
    status: str
    job: str | None
    run_id: str | None
    error: str | None
    metrics: dict[str, Any] | None
    original_run_id: str | None
    finished_at: dt.datetime | None
    raw: dict[str, Any]

    @property
    def ok(self) -> bool:
        """SUCCEEDED, or DUPLICATE (the id already succeeded: the runner only answers that for a success)."""
        return self.status in ("SUCCEEDED", "DUPLICATE")

    @staticmethod
    def parse(data: Mapping[str, Any]) -> "Result":
        status = data.get("status")
        if status not in STATUSES:
            raise TriggerError(f"result status {status!r} is not one of {', '.join(STATUSES)}")
        if data.get("protocol_version", PROTOCOL_VERSION) != PROTOCOL_VERSION:
            raise TriggerError(f"result protocol version {data.get('protocol_version')} is not "
                               f"{PROTOCOL_VERSION}")
        finished = data.get("finished_at")
        return Result(trigger_id=data["trigger_id"], status=status, job=data.get("job"), run_id=data.get("run_id"),
                      error=data.get("error"), metrics=data.get("metrics"),
                      original_run_id=data.get("original_run_id"),
                      finished_at=_instant(finished) if finished else None, raw=dict(data))


def _instant(text: str) -> dt.datetime:
    # the runner writes ISO-8601 UTC with up to nanoseconds; Python keeps microseconds
    m = re.fullmatch(r"(.*?)(\.\d+)?Z", text)
    if not m:
        return dt.datetime.fromisoformat(text)
    frac = (m.group(2) or ".0")[:7]
    return dt.datetime.fromisoformat(m.group(1) + frac).replace(tzinfo=dt.timezone.utc)


def read_result(root: str | os.PathLike, trigger_id: str,
                written_after: dt.datetime | None = None) -> Result | None:
    """The result for ``trigger_id``, or None. A result that finished before ``written_after`` belongs to an
    earlier request under the same id (say a FAILED one being retried) and is ignored."""
    path = Path(root) / "results" / f"{trigger_id}.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    result = Result.parse(data)
    if written_after is not None and result.finished_at is not None and result.finished_at < written_after:
        return None
    return result


def wait_for_result(root: str | os.PathLike, trigger_id: str, written_after: dt.datetime | None = None,
                    timeout: float = 3600.0, poll: float = 1.0,
                    clock: Callable[[], float] = time.monotonic,
                    sleep: Callable[[float], None] = time.sleep) -> Result:
    """Polls for the result until ``timeout`` seconds passed; raises ResultTimeout then."""
    deadline = clock() + timeout
    while True:
        result = read_result(root, trigger_id, written_after)
        if result is not None:
            return result
        if clock() >= deadline:
            raise ResultTimeout(f"no result for trigger {trigger_id} in {Path(root) / 'results'} after "
                                f"{timeout:.0f} s: is a runner watching {Path(root) / 'incoming'}?")
        sleep(poll)


@dataclasses.dataclass(frozen=True)
class PipelineConf:
    """A pipeline DAG run's settings, validated: where the runner listens, and bronze's Kafka params."""

    trigger_root: str
    bootstrap: str | None
    topics: str | None
    max_offsets_per_trigger: int | None

    def bronze_params(self) -> dict[str, str]:
        params = {}
        if self.bootstrap:
            params["bootstrap"] = self.bootstrap
        if self.topics:
            params["topics"] = self.topics
        if self.max_offsets_per_trigger is not None:
            params["max_offsets_per_trigger"] = str(self.max_offsets_per_trigger)
        return params


CONF_KEYS = ("trigger_root", "bootstrap", "topics", "max_offsets_per_trigger")


def validate_conf(conf: Mapping[str, Any] | None, default_root: str) -> PipelineConf:
    """Checks a DAG run's conf before any trigger is written; raises TriggerError naming the bad key."""
    conf = dict(conf or {})
    unknown = sorted(set(conf) - set(CONF_KEYS))
    if unknown:
        raise TriggerError(f"unknown conf key(s) {unknown}: the pipeline takes {list(CONF_KEYS)}")
    root = conf.get("trigger_root") or default_root
    if not isinstance(root, str) or not os.path.isabs(root):
        raise TriggerError(f"trigger_root {root!r} must be an absolute path")
    if not (Path(root) / "incoming").is_dir():
        raise TriggerError(f"trigger_root {root} has no incoming/ folder: start the runner there first "
                           "(`lakehouse runner --trigger-root ...`)")
    topics = conf.get("topics")
    if topics is not None and (not isinstance(topics, str) or not _TOPICS.fullmatch(topics)):
        raise TriggerError(f"topics {topics!r} must be comma-separated topic names, e.g. 'orders'")
    bootstrap = conf.get("bootstrap")
    if bootstrap is not None and (not isinstance(bootstrap, str) or not _BOOTSTRAP.fullmatch(bootstrap)):
        raise TriggerError(f"bootstrap {bootstrap!r} must be host:port[,host:port...]")
    max_offsets = conf.get("max_offsets_per_trigger")
    if max_offsets is not None:
        if isinstance(max_offsets, bool) or not isinstance(max_offsets, (int, str)) \
                or not str(max_offsets).isdigit() or int(max_offsets) <= 0:
            raise TriggerError(f"max_offsets_per_trigger {max_offsets!r} must be a whole number above 0")
        max_offsets = int(max_offsets)
    return PipelineConf(trigger_root=root, bootstrap=bootstrap, topics=topics, max_offsets_per_trigger=max_offsets)
