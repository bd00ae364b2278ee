"""Pure value normalizers (no Kiwi): numbers and money amounts."""

from .numbers import parse_number

__all__ = ["parse_number"]
