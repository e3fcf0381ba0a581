"""Compare pysbd and sentencex on hard news cases and on speed (why segmentation uses sentencex).

Usage: python benchmarks/segmenter_compare.py   (pysbd is a dev-only dependency for this script)
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from claim_data import load  # noqa: E402

CASES = [
    ("The U.S. economy grew 3.5% last year. Dr. Smith said so.", 2),
    ("J. R. R. Tolkien wrote The Hobbit. It sold well.", 2),
    ("“We will win,” he said. “Nobody doubts it.” Then he left.", 3),
    ("Prices rose—sharply—in Jan. and Feb. of 2024. Analysts were surprised.", 2),
    ("Mr. and Mrs. Jones arrived at 5 p.m. on Monday. They left at 6.", 2),
    (
        "The firm, Acme Inc., reported $4.2 billion in revenue. Shares fell 3.1 per cent.",
        2,
    ),
    ("He asked: why now? Nobody answered.", 2),
    ("Sales rose 10% (see Fig. 2). Costs fell.", 2),
    ("She works at the U.N. in New York. Her office is small.", 2),
    ("Open vs. closed: DeepSeek released it. Others followed.", 2),
]


def segmenters() -> dict:
    found = {}
    try:
        import pysbd

        seg = pysbd.Segmenter(language="en", clean=False)
        found["pysbd"] = seg.segment
    except ImportError:
        print("pysbd not installed; skipping it")
    from sentencex import segment

    found["sentencex"] = lambda text: list(segment("en", text))
    return found


def main() -> None:
    sentences = [r["text"] for r in load("ct24-dev.jsonl")]
    print(f"{'segmenter':<10} {'hard cases':>10} {'sentences/s':>12}")
    for name, split in segmenters().items():
        correct = sum(len([s for s in split(t) if s.strip()]) == n for t, n in CASES)
        start = time.perf_counter()
        for sentence in sentences:
            split(sentence)
        rate = len(sentences) / (time.perf_counter() - start)
        print(f"{name:<10} {correct:>7}/{len(CASES)} {rate:>12.0f}")


if __name__ == "__main__":
    main()
