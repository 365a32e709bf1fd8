"""A deferrable trigger (runs in the triggerer) that waits for the runner's ``results/<id>.json``."""

from __future__ import annotations

import asyncio
import datetime as dt
from typing import Any, AsyncIterator

from airflow.triggers.base import BaseTrigger, TriggerEvent

from lakehouse_triggers import read_result


class ResultTrigger(BaseTrigger):
    """Polls for a result file every ``poll`` seconds; fires once with the result's JSON."""

    def __init__(self, trigger_root: str, trigger_id: str, written_after: str, poll: float = 2.0):
        super().__init__()
        self.trigger_root = trigger_root
        self.trigger_id = trigger_id
        self.written_after = written_after
        self.poll = poll

    def serialize(self) -> tuple[str, dict[str, Any]]:
        return ("lakehouse_ops.result_trigger.ResultTrigger",
                {"trigger_root": self.trigger_root, "trigger_id": self.trigger_id,
                 "written_after": self.written_after, "poll": self.poll})

    async def run(self) -> AsyncIterator[TriggerEvent]:
        after = dt.datetime.fromisoformat(self.written_after)
        while True:
            result = read_result(self.trigger_root, self.trigger_id, after)
            if result is not None:
                yield TriggerEvent(result.raw)
                return
            await asyncio.sleep(self.poll)
