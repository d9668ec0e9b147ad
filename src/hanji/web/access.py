"""Which permission each route needs, read from its path and method: one table for every route.

The rules are checked in order, first match wins; a path under ``/api/v1`` or ``/console`` that no
rule names needs ``ADMIN`` (a new route is closed until it is given its place here).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from fastapi import Request

from hanji.services.management.access import Access, Permission

READS = frozenset({"GET", "HEAD"})


@dataclass(frozen=True)
class Rule:
    pattern: re.Pattern[str]
    """Matched against the route's path template, e.g. ``/api/v1/domains/{domain_id}``."""
    read: Permission
    """What GET and HEAD need."""
    write: Permission
    """What every other method needs."""


def _rule(pattern: str, read: Permission, write: Permission | None = None) -> Rule:
    return Rule(re.compile(pattern), read, write or read)


RULES: tuple[Rule, ...] = (
    _rule(r"/api/v1/(session|tokens(/.*)?|me(/.*)?)", Permission.SELF),
    _rule(r"/api/v1/(operators(/.*)?|audit)", Permission.ADMIN),
    _rule(r"/api/v1/stats(/.*)?", Permission.READ),
    _rule(r"/api/v1/results/export", Permission.READ, Permission.READ),  # converts, reads nothing stored
    _rule(r"/api/v1/domains", Permission.READ, Permission.CREATE_DOMAINS),
    _rule(r"/api/v1/domains/\{domain_id\}/copy", Permission.READ, Permission.CREATE_DOMAINS),
    _rule(r"/api/v1/domains/\{domain_id\}(/.*)?", Permission.READ, Permission.EDIT),
    _rule(r"/console/operators(/.*)?", Permission.ADMIN),
    _rule(r"/console/(account|tokens)(/.*)?", Permission.SELF),
    _rule(r"/console/domains/new", Permission.CREATE_DOMAINS),
    _rule(r"/console/domains/\{domain_id\}/try", Permission.EDIT),
    _rule(r"/console(/.*)?", Permission.READ),
)


def needed(method: str, path: str) -> Permission:
    """The permission a request to the route ``path`` (a template) with ``method`` needs."""
    for rule in RULES:
        if rule.pattern.fullmatch(path):
            return rule.read if method in READS else rule.write
    return Permission.ADMIN


def route_path(request: Request) -> str:
    route = request.scope.get("route")
    path = getattr(route, "path", None)
    return path if isinstance(path, str) else request.url.path


def domain_of(request: Request) -> int | None:
    raw = request.path_params.get("domain_id")
    return int(raw) if isinstance(raw, str) and raw.isdigit() and len(raw) <= 18 else None


def check_route(request: Request, access: Access) -> None:
    """Refuse the request unless ``access`` allows its route (and its domain, when it names one)."""
    access.check(needed(request.method, route_path(request)), domain_of(request))
