"""Print the shipped weights: `python -m claims.detection.weights`."""

from __future__ import annotations

from . import describe_weights

print("\n".join(describe_weights()))
