"""Pure value normalizers (no Kiwi): Korean numbers and money amounts.

>>> parse_number("1조 2,345억")
1234500000000
>>> currency_code("달러")
'USD'
"""

from .money import currency_code, money_value
from .numbers import parse_number

__all__ = ["parse_number", "currency_code", "money_value"]
