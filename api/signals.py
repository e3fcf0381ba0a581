"""Moments the API's tasks react to; api's domain modules never import the tasks. Arguments are ids."""

from __future__ import annotations

from django.dispatch import Signal

# A webhook delivery was recorded (new or a replay): delivery_id
delivery_queued = Signal()
