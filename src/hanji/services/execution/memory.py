"""An OCR worker's memory ceiling: its address space is capped, so an input that slips past every
guard fails that one task with a memory error (or ends that worker, which is replaced) instead of
taking the machine's memory from the server and the other workers."""

from __future__ import annotations

import resource

MB = 1024 * 1024


def cap_address_space(megabytes: int) -> None:
    """Cap this process's address space at ``megabytes`` (0: no cap). Only ever lowered."""
    if megabytes <= 0:
        return
    wanted = megabytes * MB
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        wanted = min(wanted, hard)
    resource.setrlimit(resource.RLIMIT_AS, (wanted, hard))
