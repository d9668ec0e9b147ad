"""Fitting the Korean head on cached shards, with checkpoints a later run resumes from, validation
CER on fonts never trained on, and export of the whole recogniser to one ONNX file."""

from __future__ import annotations

import json
import random
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
import torch

from hanji.training import charset
from hanji.training.edit_distance import edit_distance
from hanji.training.korean_head import KoreanHead, from_state, parameters, state
from hanji.training.line_shards import Batch, load_shard, written_shards


@dataclass(frozen=True)
class Checkpoint:
    step: int
    samples: int
    seconds: float
    loss: float
    cer: dict[str, float]


def greedy(logits: torch.Tensor) -> list[list[int]]:
    out = []
    for seq in logits.argmax(-1).tolist():
        decoded, last = [], 0
        for k in seq:
            if k != last and k != 0:
                decoded.append(k)
            last = k
        out.append(decoded)
    return out


def cer(model: KoreanHead, batches: list[Batch]) -> float:
    model.eval()
    errors = total = 0
    with torch.no_grad():
        for batch in batches:
            for got, want in zip(
                greedy(model(torch.from_numpy(batch.features.astype(np.float32)))), batch.labels, strict=True
            ):
                errors += edit_distance(got, want)
                total += len(want)
    model.train()
    return errors / max(total, 1)


def fit(
    work: Path,
    *,
    minutes: float,
    lr: float = 1e-3,
    decay_samples: int = 600_000,
    threads: int = 1,
    log_every: int = 200,
    seed: int = 0,
    keep_shards: int = 120,
    restart_schedule: bool = False,
) -> Checkpoint:
    """Train for ``minutes`` on the shards under ``work/data``, resuming ``work/head.pt`` if present.
    At most ``keep_shards`` shards are held in memory (~80 MB each): the newest, as the renderer
    writes them.

    The learning rate follows a cosine from ``lr`` at sample 0 to 5 % of it at ``decay_samples``
    (counted over every run of this checkpoint since its schedule began: ``restart_schedule`` begins
    it again at this run's first sample, for a head that was widened or should learn anew), then
    stays there."""
    torch.set_num_threads(threads)
    torch.manual_seed(seed)
    data = work / "data"
    saved_path = work / "head.pt"
    history_path = work / "history.jsonl"
    if saved_path.exists():
        saved = torch.load(saved_path, weights_only=False)
        model = from_state(saved["model"])
        step, samples, seconds = saved["step"], saved["samples"], saved["seconds"]
        origin = samples if restart_schedule else int(saved.get("schedule_from", 0))
    else:
        model = KoreanHead(len(charset.characters()))
        step = samples = origin = 0
        seconds = 0.0
    print(f"head: {parameters(model):,} parameters; resuming at step {step}, {samples:,} samples", flush=True)
    optimiser = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=1e-4)
    ctc = torch.nn.CTCLoss(blank=0, zero_infinity=True)
    validation = {p.stem.removeprefix("val-"): load_shard(p) for p in sorted(data.glob("val-*.npz"))}
    rng = random.Random(f"{seed}/{step}")
    began = time.monotonic()
    running = 0.0
    loaded: dict[Path, list[Batch]] = {}
    model.train()
    point: Checkpoint | None = None
    while point is None or time.monotonic() - began < minutes * 60:
        shards = sorted(written_shards(data), key=lambda p: p.stat().st_mtime)[-keep_shards:]
        if not shards:
            time.sleep(5)
            continue
        for path in list(loaded):
            if path not in shards:
                del loaded[path]
        for path in shards:
            if path not in loaded:
                loaded[path] = load_shard(path)
        batches = [b for path in shards for b in loaded[path]]
        rng.shuffle(batches)
        for batch in batches[:400]:
            features = torch.from_numpy(batch.features.astype(np.float32))
            logits = model(features)
            log_probs = logits.log_softmax(-1).transpose(0, 1)
            targets = torch.tensor([c for x in batch.labels for c in x], dtype=torch.long)
            target_lengths = torch.tensor([len(x) for x in batch.labels], dtype=torch.long)
            input_lengths = torch.full((len(batch.labels),), logits.shape[1], dtype=torch.long)
            scale = max(0.05, 0.5 * (1 + np.cos(np.pi * min((samples - origin) / decay_samples, 1.0))))
            for group in optimiser.param_groups:
                group["lr"] = lr * scale
            loss = ctc(log_probs, targets, input_lengths, target_lengths)
            optimiser.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 5.0)
            optimiser.step()
            value = float(loss.detach())
            running = 0.98 * running + 0.02 * value if step else value
            step += 1
            samples += len(batch.labels)
            if step % log_every == 0:
                print(f"step {step} samples {samples:,} loss {running:.3f} shards {len(shards)}", flush=True)
            if time.monotonic() - began >= minutes * 60:
                break
        seconds_now = seconds + time.monotonic() - began
        point = Checkpoint(
            step,
            samples,
            round(seconds_now),
            round(running, 4),
            {k: round(cer(model, v), 4) for k, v in validation.items()},
        )
        torch.save(
            {
                "model": state(model),
                "step": step,
                "samples": samples,
                "seconds": seconds_now,
                "schedule_from": origin,
            },
            saved_path,
        )
        with history_path.open("a") as f:
            f.write(json.dumps(asdict(point)) + "\n")
        print("checkpoint", json.dumps(asdict(point)), flush=True)
    return point
