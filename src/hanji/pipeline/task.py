"""The typed requests the executors run: each is a frozen dataclass that knows its flow and the
type of what the flow returns.

An executor calls ``task.run()`` in some process: inline, in a local worker (the request and result
are pickled by ``multiprocessing``), or on a Celery worker (they travel as JSON through
:func:`encode_task` / :func:`decode_result`, built from the types by :mod:`hanji.core.wire`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar, Generic, TypeVar

from hanji.core import wire
from hanji.core.errors import UnknownServiceError

R = TypeVar("R", covariant=True)
T = TypeVar("T", bound="Task[Any]")


class Task(Generic[R]):
    """A flow's request. Subclasses are frozen dataclasses registered with :func:`task`."""

    kind: ClassVar[str]
    """The registry name, what a message across processes names the request by."""
    result_type: ClassVar[Any]
    """The type ``run`` returns, so a result can be rebuilt from its JSON."""

    def run(self) -> R:
        raise NotImplementedError


_TASKS: dict[str, type[Task[Any]]] = {}


def task(kind: str, result_type: object) -> Callable[[type[T]], type[T]]:
    """Register a request class under ``kind``; ``result_type`` is what its ``run`` returns."""

    def register(cls: type[T]) -> type[T]:
        if kind in _TASKS:
            raise ValueError(f"task {kind!r} is registered twice")
        cls.kind = kind
        cls.result_type = result_type
        _TASKS[kind] = cls
        return cls

    return register


def task_types() -> dict[str, type[Task[Any]]]:
    """Every registered request class by its name."""
    return dict(_TASKS)


def encode_task(request: Task[Any]) -> dict[str, wire.Wire]:
    """``{"kind", "request"}``: a request as JSON-ready data."""
    return {"kind": request.kind, "request": wire.to_wire(request, type(request))}


def decode_task(message: wire.Wire) -> Task[Any]:
    """The request :func:`encode_task` wrote.

    Raises:
        UnknownServiceError: the message names no registered task or does not fit it.
    """
    if not isinstance(message, dict) or not isinstance(message.get("kind"), str):
        raise UnknownServiceError("An OCR task message Hanji does not understand.")
    cls = _TASKS.get(str(message["kind"]))
    if cls is None:
        raise UnknownServiceError(f"No OCR task named {message['kind']!r} in this version of Hanji.")
    try:
        return wire.from_wire(message.get("request"), cls)
    except (wire.WireError, KeyError, TypeError) as exc:
        raise UnknownServiceError("An OCR task message that does not fit its task.") from exc


def encode_result(request: Task[R], result: object) -> wire.Wire:
    return wire.to_wire(result, request.result_type)


def decode_result(request: Task[R] | type[Task[R]], data: wire.Wire) -> R:
    """The result of ``request`` (or of any request of that class) rebuilt from what
    :func:`encode_result` wrote."""
    try:
        value: R = wire.from_wire(data, request.result_type)
    except (wire.WireError, KeyError, TypeError) as exc:
        raise UnknownServiceError("An OCR worker sent a result that does not fit its task.") from exc
    return value
