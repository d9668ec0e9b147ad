"""onnxruntime sessions with the options every Hanji model runs under."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hanji.core.errors import OcrServiceError


def session_options(threads: int) -> Any:
    """onnxruntime options for one session: all graph optimisations, memory arena, no spinning.

    Spinning (onnxruntime's default) keeps idle pool threads busy-waiting between operators: on a
    machine shared by worker processes that burns ~20% more CPU per page for no wall-time gain.
    The memory arena and pattern (rapidocr turns them off) cut detection + recognition by ~17% in
    CPU and wall, for ~300 MB more peak RSS per process (``benchmarks/RESULTS.md``).
    """
    import onnxruntime as ort

    opts = ort.SessionOptions()
    opts.log_severity_level = 3
    opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    opts.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    opts.intra_op_num_threads = threads
    opts.inter_op_num_threads = 1
    opts.enable_cpu_mem_arena = True
    opts.enable_mem_pattern = True
    opts.add_session_config_entry("session.intra_op.allow_spinning", "0")
    return opts


def onnx_session(model: Path, threads: int) -> Any:
    """An onnxruntime CPU session for ``model``."""
    import onnxruntime as ort

    if not model.is_file():
        raise OcrServiceError(f"OCR model {model} is missing.")
    return ort.InferenceSession(str(model), session_options(threads), providers=["CPUExecutionProvider"])
