"""Which MAAS API operation each SDK method issues, declared where the method is defined.

A manager method that calls the API is decorated with :func:`api_operation`; the coverage report
(``docs/coverage.md``) is derived from these declarations by walking the package, so it always
matches the code. A method may declare several operations (``get`` by id or by name on the
same route declares one; a method that falls back to another endpoint declares both).
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, TypeVar

__all__ = ["Operation", "api_operation", "declared_operations"]

_F = TypeVar("_F", bound=Callable[..., Any])
_ATTRIBUTE = "__maas_operations__"


@dataclass(frozen=True, order=True)
class Operation:
    """One API 2.0 operation: a method, a route pattern and an optional ``op``.

    Attributes:
        method: ``GET``, ``POST``, ``PUT`` or ``DELETE``.
        path: The route pattern relative to ``/MAAS/api/2.0/``, spelled as in MAAS's own
            operation list (``machines/{system_id}/``, ``zones/{name}/``).
        op: The ``op`` name, or ``None`` for plain reads, creates, updates and deletes.
    """

    method: str
    path: str
    op: str | None = None

    def __str__(self) -> str:
        return f"{self.method} {self.path}" + (f"?op={self.op}" if self.op else "")


def api_operation(method: str, path: str, op: str | None = None) -> Callable[[_F], _F]:
    """Declare the API operation a manager method issues.

    Args:
        method: The HTTP method.
        path: The route pattern relative to the API root, e.g. ``machines/{system_id}/``.
        op: The op name, if any.

    Returns:
        A decorator that records the operation on the function and returns it unchanged.
    """
    operation = Operation(method.upper(), path, op)

    def record(function: _F) -> _F:
        existing: tuple[Operation, ...] = getattr(function, _ATTRIBUTE, ())
        setattr(function, _ATTRIBUTE, (*existing, operation))
        return function

    return record


def declared_operations(package: str = "maas_sdk") -> Iterator[tuple[str, Operation]]:
    """Yield ``(qualified method name, operation)`` for every declaration in a package.

    Args:
        package: The package to walk (every submodule is imported).

    Yields:
        The method's ``module.Class.method`` name and one operation it declares.
    """
    root = importlib.import_module(package)
    modules = [root]
    for info in pkgutil.walk_packages(root.__path__, prefix=f"{package}."):
        if ".testing" in info.name or info.name.endswith(".demo"):
            continue
        modules.append(importlib.import_module(info.name))
    seen: set[int] = set()
    for module in modules:
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ != module.__name__:
                continue
            for name, member in vars(cls).items():
                function = getattr(member, "__func__", member)
                if id(function) in seen:
                    continue
                for operation in getattr(function, _ATTRIBUTE, ()):
                    seen.add(id(function))
                    yield f"{module.__name__}.{cls.__qualname__}.{name}", operation
