from __future__ import annotations

import logging

import pytest


@pytest.mark.django_db(transaction=True)
def test_probe():
    print("ROOT", logging.getLogger().handlers, [h.filters for h in logging.getLogger().handlers])
