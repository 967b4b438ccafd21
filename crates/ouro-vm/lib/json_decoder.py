"""Implementation of JSONDecoder (ouro keeps it in `json` itself; this
module names it where CPython's programs look for it).
"""

from json import JSONDecodeError, JSONDecoder

__all__ = ["JSONDecoder", "JSONDecodeError"]
