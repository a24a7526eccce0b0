"""Flows whose channel URLs never reach Prefect's database, whoever calls them.

Prefect stores a flow run's parameters as the caller passed them, before the flow sees them
(`Flow.serialize_parameters`, FastAPI's `jsonable_encoder`): a Python caller writing
`monitor(..., notify=["json://bot:password@host/hook"])` put the password into Prefect's
`flow_run` table and UI. The CLI and `serve` hand URLs over in KJWATCH_NOTIFY and never as a
parameter; a MaskedFlow makes the Python path as safe. Each value of a masked parameter is
stored as "**********", what Prefect stores for a pydantic SecretStr, item by item for a list
(so the UI still shows how many channels a run was given), while the flow itself receives the
URLs unchanged. `serialize_parameters` is the one place every flow run is created through (the
sync and async engines, subflows, workers), so no path stores the URLs.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ParamSpec, TypeVar

from prefect import Flow

P = ParamSpec("P")
R = TypeVar("R")
MASK = "**********"


def masked_value(value: Any) -> Any:
    """The mask stored for `value`: None stays None (no channel given), a list keeps its length."""
    if value is None:
        return None
    if isinstance(value, list | tuple):
        return [MASK] * len(value)
    return MASK


class MaskedFlow(Flow[P, R]):
    """A Prefect flow whose `masked_parameters` are stored as masks (see the module)."""

    masked_parameters: frozenset[str] = frozenset()

    def serialize_parameters(self, parameters: dict[str, Any]) -> dict[str, Any]:
        serialized = super().serialize_parameters(parameters)
        for name in self.masked_parameters & serialized.keys():
            serialized[name] = masked_value(parameters[name])
        return serialized


def masked_flow(masked: tuple[str, ...], **options: Any) -> Callable[[Callable[P, R]], MaskedFlow[P, R]]:
    """`@flow(**options)` whose parameters named in `masked` Prefect stores masked."""
    def decorate(fn: Callable[P, R]) -> MaskedFlow[P, R]:
        made: MaskedFlow[P, R] = MaskedFlow(fn, **options)
        made.masked_parameters = frozenset(masked)
        return made
    return decorate
