"""The review application (``planingest serve``): every record beside the page it came from,
its history across editions, and corrections that are kept, audited and carried forward.

A face like :mod:`planingest.cli`: it reads and writes through :class:`planingest.store.Store`
and is imported by nothing below it.
"""

from planingest.web.app import create_app

__all__ = ["create_app"]
