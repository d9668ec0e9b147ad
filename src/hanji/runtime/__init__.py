"""The composition root (``build_runtime``) and the process-wide parts only it builds."""

from hanji.runtime.root import Runtime, build_runtime, build_worker_runtime

__all__ = ["Runtime", "build_runtime", "build_worker_runtime"]
