"""Typed values to JSON-ready data and back, driven by their type hints.

The Celery executor and the job store carry flow requests and results between processes as JSON;
this codec turns frozen dataclasses (and the tuples, mappings, unions, enums and bytes inside them)
into plain lists and dicts and rebuilds the same types on the other side, so nothing past the edge
ever reads a rendered CLOVA answer back. Bytes travel as base64 text. A dataclass inside a union of
several kinds carries its class name under ``"$type"`` so decoding knows which member it was.
"""

from __future__ import annotations

import base64
import dataclasses
import enum
import functools
import types
import typing
from collections.abc import Mapping, Sequence
from typing import Any, TypeVar, cast

T = TypeVar("T")

Wire = None | bool | int | float | str | Sequence["Wire"] | Mapping[str, "Wire"]
"""JSON data: what the codec produces, and what any JSON library writes as is (read-only views, so a
list of objects is a list of JSON values)."""

WireObject = dict[str, Wire]
"""A JSON object: a rendered CLOVA answer, an entry of it, a message."""

TYPE_TAG = "$type"
_ALIASES: dict[str, object] = {}


def recursive_alias(name: str, alias: object) -> None:
    """Let the codec follow ``name``, a type alias that refers to itself by that name (a tree):
    typing leaves such inner references unresolved."""
    _ALIASES[name] = alias


def _resolved(kind: object) -> object:
    if isinstance(kind, typing.ForwardRef):
        try:
            return _ALIASES[kind.__forward_arg__]
        except KeyError:
            raise WireError(f"unknown alias {kind.__forward_arg__!r}") from None
    return kind


class WireError(ValueError):
    """Data that does not fit the type it is read as (a bug or a foreign message, never user input)."""


def to_wire(value: object, kind: object) -> Wire:
    """``value``, declared as ``kind``, as JSON-ready data."""
    return _encode(value, kind)


def from_wire(data: Wire, kind: type[T]) -> T:
    """Rebuild a ``kind`` from what :func:`to_wire` made of one."""
    return cast(T, _decode(data, kind))


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls, localns=_ALIASES)


def _fields(cls: type) -> list[tuple[str, Any]]:
    hints = _hints(cls)
    return [(f.name, hints[f.name]) for f in dataclasses.fields(cls) if f.init]


def _is_union(kind: object) -> bool:
    return typing.get_origin(kind) in (typing.Union, types.UnionType)


def _encode(value: object, kind: object) -> Wire:
    kind = _resolved(kind)
    if kind is Any or kind is object:
        raise WireError("untyped values cannot cross the wire")
    if _is_union(kind):
        return _encode_union(value, typing.get_args(kind))
    if value is None:
        return None
    origin = typing.get_origin(kind) or kind
    args = typing.get_args(kind)
    if isinstance(origin, type) and dataclasses.is_dataclass(origin):
        return {name: _encode(getattr(value, name), hint) for name, hint in _fields(origin)}
    if isinstance(origin, type) and issubclass(origin, enum.Enum):
        return cast(Wire, cast(enum.Enum, value).value)
    if origin is bytes:
        return base64.b64encode(cast(bytes, value)).decode("ascii")
    if origin in (bool, int, float, str):
        return cast(Wire, value)
    if origin in (dict, Mapping):
        items = cast(Mapping[str, object], value)
        return {str(k): _encode(v, args[1]) for k, v in items.items()}
    if origin in (tuple, list, Sequence):
        seq = cast(Sequence[object], value)
        if origin is tuple and not (len(args) == 2 and args[1] is Ellipsis):
            return [_encode(v, a) for v, a in zip(seq, args, strict=True)]
        return [_encode(v, args[0]) for v in seq]
    raise WireError(f"cannot encode {kind!r}")


def _member_for(value: object, members: tuple[object, ...]) -> object:
    for member in map(_resolved, members):
        origin = typing.get_origin(member) or member
        if origin is types.NoneType:
            if value is None:
                return member
        elif origin in (Sequence, Mapping):
            if isinstance(value, origin) and not isinstance(value, str | bytes):
                return member
        elif isinstance(origin, type) and isinstance(value, origin):
            return member
    raise WireError(f"{type(value).__name__} is none of {members!r}")


def _encode_union(value: object, members: tuple[object, ...]) -> Wire:
    member = _member_for(value, members)
    encoded = _encode(value, member)
    real = [m for m in members if m is not types.NoneType]
    if len(real) > 1 and isinstance(member, type) and dataclasses.is_dataclass(member):
        assert isinstance(encoded, dict)
        encoded = {TYPE_TAG: member.__name__, **encoded}
    return encoded


def _decode(data: Wire, kind: object) -> object:
    kind = _resolved(kind)
    if _is_union(kind):
        return _decode_union(data, typing.get_args(kind))
    if data is None:
        return None
    origin = typing.get_origin(kind) or kind
    args = typing.get_args(kind)
    if isinstance(origin, type) and dataclasses.is_dataclass(origin):
        if not isinstance(data, dict):
            raise WireError(f"{origin.__name__} expects an object")
        values = {name: _decode(data[name], hint) for name, hint in _fields(origin) if name in data}
        return origin(**values)
    if isinstance(origin, type) and issubclass(origin, enum.Enum):
        return origin(data)
    if origin is bytes:
        if not isinstance(data, str):
            raise WireError("bytes travel as base64 text")
        return base64.b64decode(data)
    if origin is float and isinstance(data, int | float) and not isinstance(data, bool):
        return float(data)
    if origin in (bool, int, str):
        if not isinstance(data, origin):
            raise WireError(f"expected {origin.__name__}, got {type(data).__name__}")
        return data
    if origin in (dict, Mapping):
        if not isinstance(data, dict):
            raise WireError("expected an object")
        return {k: _decode(v, args[1]) for k, v in data.items()}
    if origin in (tuple, list, Sequence):
        if not isinstance(data, list):
            raise WireError("expected an array")
        if origin is tuple and not (len(args) == 2 and args[1] is Ellipsis):
            return tuple(_decode(v, a) for v, a in zip(data, args, strict=True))
        items = [_decode(v, args[0]) for v in data]
        return items if origin is list else tuple(items)
    raise WireError(f"cannot decode {kind!r}")


def _decode_union(data: Wire, members: tuple[object, ...]) -> object:
    if data is None:
        if types.NoneType in members:
            return None
        raise WireError("null where a value is required")
    real = [_resolved(m) for m in members if m is not types.NoneType]
    if len(real) == 1:
        return _decode(data, real[0])
    if isinstance(data, dict) and TYPE_TAG in data:
        name = data[TYPE_TAG]
        for member in real:
            if isinstance(member, type) and member.__name__ == name:
                return _decode({k: v for k, v in data.items() if k != TYPE_TAG}, member)
        raise WireError(f"no member {name!r} in {real!r}")
    for member in real:
        origin = typing.get_origin(member) or member
        if isinstance(data, dict) and origin in (dict, Mapping):
            return _decode(data, member)
        if isinstance(data, list) and origin in (list, tuple, Sequence):
            return _decode(data, member)
        if isinstance(origin, type) and not dataclasses.is_dataclass(origin) and isinstance(data, origin):
            return _decode(data, member)
    raise WireError(f"{type(data).__name__} fits none of {real!r}")
