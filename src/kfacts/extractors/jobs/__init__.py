"""Placeholder (being written)."""
from __future__ import annotations
from ..base import Context, Rule
RULES: list[Rule] = []
def extract(ctx: Context) -> list:
    return []
