"""Plumbing shared by every resource: the model bases, JSON decoding and form encoding.

Models are pydantic v2 models validated straight from the answer's bytes. They never do I/O on
attribute access. A resource model (:class:`Resource`) carries a private reference to the manager
that produced it; its bound methods are one-line delegations to that manager, and it tracks the
fields the user changed so that ``save()`` sends only those.
"""

from __future__ import annotations

import base64
import copy
import enum
import threading
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, ClassVar, Protocol, Self, TypeVar
from urllib.parse import quote

from pydantic import (
    BaseModel,
    ConfigDict,
    SerializerFunctionWrapHandler,
    ValidationError,
    model_serializer,
)

from maas_sdk.errors import (
    InvalidFieldValueError,
    ReadOnlyFieldError,
    ResponseDecodeError,
    UnboundResourceError,
)
from maas_sdk.resources._decoding import (
    CHUNKED_THRESHOLD,
    GC_PAUSE_THRESHOLD,
    decode,
    decode_error,
    decode_optional,
    gc_paused,
)
from maas_sdk.resources._drift import EMPTY_AS_DICT, LENIENT_DATETIME
from maas_sdk.resources._listing import LazyField

__all__ = [
    "CHUNKED_THRESHOLD",
    "EMPTY_AS_DICT",
    "GC_PAUSE_THRESHOLD",
    "LENIENT_DATETIME",
    "FormPairs",
    "MAASModel",
    "Resource",
    "ResponseLike",
    "ScriptParameters",
    "TransportLike",
    "decode",
    "decode_error",
    "decode_optional",
    "form",
    "gc_paused",
    "path_segment",
]

T = TypeVar("T")

FormPairs = list[tuple[str, str]]
"""Form data as the managers hand it to the transport: ``(key, value)`` pairs, keys repeated."""
ScriptParameters = Mapping[str, str | int | float | bool]
"""Script parameters, by parameter name or ``<script>_<parameter>``."""


class ResponseLike(Protocol):
    """What the managers need of a transport's answer (``maas_sdk._transport.APIResponse``)."""

    @property
    def status_code(self) -> int:
        """The HTTP status."""
        ...

    @property
    def headers(self) -> Mapping[str, str]:
        """The answer's headers."""
        ...

    @property
    def content(self) -> bytes:
        """The raw body."""
        ...

    @property
    def method(self) -> str:
        """The request's HTTP method."""
        ...

    @property
    def url(self) -> str:
        """The request's URL."""
        ...

    @property
    def text(self) -> str:
        """The body decoded as text."""
        ...

    @property
    def content_type(self) -> str:
        """The answer's ``Content-Type``."""
        ...

    def decode_error(self, problem: str) -> ResponseDecodeError:
        """Build the error for a body that cannot be decoded (with secrets redacted)."""
        ...


class TransportLike(Protocol):
    """What the managers need of the transport (``maas_sdk._transport.Transport``)."""

    def get(
        self, path: str, *, op: str | None = None, params: FormPairs | None = None
    ) -> ResponseLike:
        """Send a GET (``op`` in the query string)."""
        ...

    def post(
        self, path: str, *, op: str | None = None, data: FormPairs | None = None
    ) -> ResponseLike:
        """Send a POST with a form body (``op`` in the query string)."""
        ...

    def put(self, path: str, *, data: FormPairs | None = None) -> ResponseLike:
        """Send a PUT with a form body."""
        ...

    def delete(self, path: str, *, params: FormPairs | None = None) -> ResponseLike:
        """Send a DELETE (options in the query string)."""
        ...


# --- form encoding --------------------------------------------------------------------------


def wire_value(value: Any) -> str:
    """Render one parameter value the way MAAS parses it (booleans as ``true``/``false``)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, enum.Enum):
        return str(value.value)
    return str(value)


def form(*sources: Mapping[str, Any] | Iterable[tuple[str, Any]]) -> FormPairs:
    """Build form pairs: ``None`` is omitted, lists and tuples repeat the key.

    Args:
        sources: Mappings or pair iterables, in order.

    Returns:
        ``(key, value)`` pairs with every value rendered by :func:`wire_value`.
    """
    pairs: FormPairs = []
    for source in sources:
        items = source.items() if isinstance(source, Mapping) else source
        for key, value in items:
            if value is None:
                continue
            if isinstance(value, list | tuple | set | frozenset):
                pairs.extend((key, wire_value(item)) for item in value if item is not None)
            else:
                pairs.append((key, wire_value(value)))
    return pairs


def as_list(value: str | Iterable[str] | None) -> list[str] | None:
    """Turn a filter value into a list (a lone string is one value, not its characters)."""
    if value is None:
        return None
    if isinstance(value, str):
        return [value]
    return list(value)


def comma_list(value: str | Iterable[str] | None) -> str | None:
    """Join names into the comma-separated list some MAAS parameters take."""
    if value is None or isinstance(value, str):
        return value
    return ",".join(value)


def encode_user_data(user_data: str | bytes | None) -> str | None:
    """Base64-encode cloud-init user data for the wire (MAAS stores the text it receives)."""
    if user_data is None:
        return None
    raw = user_data.encode("utf-8") if isinstance(user_data, str) else bytes(user_data)
    return base64.b64encode(raw).decode("ascii")


def path_segment(value: str | int) -> str:
    """Quote one path identifier (system_id, zone name, subnet id or CIDR)."""
    return quote(str(value), safe=":/")


# --- models ---------------------------------------------------------------------------------


class MAASModel(BaseModel):
    """Base of every object the API returns.

    Every key MAAS 2.9-3.7 sends is a declared field, and every field has a default where some
    version leaves the key out. Keys this SDK does not know yet are kept in ``model_extra``:
    with all known keys declared, ``extra="allow"`` costs nothing until an unknown key arrives
    (measured: 10,000 machines parse in the same time with ``allow`` and ``ignore``), and then
    costs what keeping that key costs. Field docstrings become field descriptions.
    Nested objects (a machine's interfaces, a VLAN, a block device) are plain models without
    bound actions.
    """

    _copies_fields_set: ClassVar[bool] = True
    """Assignments copy ``__pydantic_fields_set__`` first, so big listings may share one."""

    model_config = ConfigDict(
        extra="allow",
        populate_by_name=True,
        use_attribute_docstrings=True,
        validate_assignment=True,
        ser_json_inf_nan="constants",
    )

    def __setattr__(self, name: str, value: Any) -> None:
        cls = type(self)
        if name not in cls.model_fields and not name.startswith("_"):
            if name in (self.__pydantic_extra__ or {}) or name in cls.model_computed_fields:
                raise ReadOnlyFieldError(cls.__name__, name, [])
            raise AttributeError(f"{cls.__name__} has no field {name!r}")
        if name in cls.model_fields:
            _own_fields_set(self, name)
        super().__setattr__(name, value)


def _own_fields_set(model: BaseModel, name: str) -> None:
    """Give ``model`` its own ``__pydantic_fields_set__`` before pydantic adds ``name`` to it.

    The models of one big listing share a single fields set (see ``_listing``); adding a name
    already in the set changes nothing, so it is copied only when the name is new.
    """
    names = model.__pydantic_fields_set__
    if name not in names:
        object.__setattr__(model, "__pydantic_fields_set__", set(names))


class Resource(MAASModel):
    """A top-level API object with identity, bound actions and change tracking.

    Subclasses set :attr:`_writable_fields` (fields MAAS accepts in an update) and
    :attr:`_identity_field`; assigning any other field raises :class:`ReadOnlyFieldError`.
    Assignments are validated and remembered until :meth:`save` (on the subclass) sends them.

    The manager reference and the change record live in slots rather than pydantic private
    attributes: private attributes cost a Python call per validated instance, slots cost nothing
    until they are used.
    """

    __slots__ = ("_manager", "_original_values", "_pending_json")

    _writable_fields: ClassVar[frozenset[str]] = frozenset()
    _identity_field: ClassVar[str] = "id"
    _lazy_fields: ClassVar[Mapping[str, LazyField]] = {}
    """Fields a big listing leaves as JSON text until first read (see ``_listing``)."""

    if not TYPE_CHECKING:
        # Only called when normal lookup fails: a lazy field not read yet, or a missing name.
        def __getattr__(self, name: str) -> Any:
            if name in (_pending(self) or ()):
                return self._load_lazy(name)
            return super().__getattr__(name)

        # Parsed first so that a bad lazy field raises ResponseDecodeError itself, not wrapped
        # in pydantic's serialization error (pydantic's own signatures stay the typed ones).
        def model_dump(self, *args: Any, **kwargs: Any) -> dict[str, Any]:
            self._load_lazy_fields()
            return super().model_dump(*args, **kwargs)

        def model_dump_json(self, *args: Any, **kwargs: Any) -> str:
            self._load_lazy_fields()
            return super().model_dump_json(*args, **kwargs)

    def _load_lazy(self, name: str) -> Any:
        """Validate a lazy list field from its kept JSON text, store it and return it."""
        with _LAZY_LOCK:
            pending = _pending(self)
            if pending is None or name not in pending:
                return self.__dict__[name]
            text = pending[name]
            problem = ""
            try:
                value = type(self)._lazy_fields[name].adapter.validate_json(text)
            except ValidationError as exc:
                first = exc.errors(include_url=False, include_input=False)[0]
                where = ".".join(str(part) for part in first["loc"])
                problem = f"{type(self).__name__}.{name}[{where}]: {first['msg']}"
            if problem:
                raise _lazy_decode_error(self, problem, text)
            self.__dict__[name] = value
            del pending[name]
            return value

    def _load_lazy_fields(self) -> None:
        """Parse every lazy field still pending (before anything reads ``__dict__`` whole)."""
        for name in list(_pending(self) or ()):
            self._load_lazy(name)

    @model_serializer(mode="wrap")
    def _serialize_loaded(self, handler: SerializerFunctionWrapHandler) -> Any:
        self._load_lazy_fields()
        return handler(self)

    def __repr_args__(self) -> Any:
        self._load_lazy_fields()
        return super().__repr_args__()

    def __iter__(self) -> Any:
        self._load_lazy_fields()
        return super().__iter__()

    def __setattr__(self, name: str, value: Any) -> None:
        cls = type(self)
        if name not in cls.model_fields:
            if name.startswith("_"):
                super().__setattr__(name, value)
                return
            if name in (self.__pydantic_extra__ or {}) or name in cls.model_computed_fields:
                raise ReadOnlyFieldError(cls.__name__, name, sorted(cls._writable_fields))
            raise AttributeError(f"{cls.__name__} has no field {name!r}")
        if name not in cls._writable_fields:
            raise ReadOnlyFieldError(cls.__name__, name, sorted(cls._writable_fields))
        before = self.__dict__.get(name)
        _own_fields_set(self, name)
        problems: list[str] = []
        try:
            super().__setattr__(name, value)
        except ValidationError as error:
            problems = [item["msg"] for item in error.errors(include_url=False)]
        if problems:
            raise InvalidFieldValueError(cls.__name__, name, type(value).__name__, problems)
        originals = self._originals()
        originals.setdefault(name, before)
        if self.__dict__[name] == originals[name]:
            del originals[name]

    def _originals(self) -> dict[str, Any]:
        originals: dict[str, Any] | None = getattr(self, "_original_values", None)
        if originals is None:
            originals = {}
            object.__setattr__(self, "_original_values", originals)
        return originals

    @property
    def changes(self) -> dict[str, Any]:
        """The fields assigned since the model was last read, with their new values."""
        return {name: self.__dict__[name] for name in getattr(self, "_original_values", None) or {}}

    def discard_changes(self) -> Self:
        """Put back the values the assigned fields had when last read, and return the model."""
        for name, value in self._originals().items():
            self.__dict__[name] = value
        object.__setattr__(self, "_original_values", None)
        return self

    def _original(self, name: str) -> Any:
        """The value a field had when the model was last read from the server."""
        originals = getattr(self, "_original_values", None) or {}
        return originals[name] if name in originals else self.__dict__[name]

    def _apply(self, fresh: Self, *, keep_changes: bool = False) -> Self:
        """Take over the state of a freshly read copy of this object, keeping the binding.

        With ``keep_changes``, fields assigned but not saved keep their assigned value (and stay
        pending) unless the server already has that value.
        """
        pending = self.changes if keep_changes else {}
        object.__setattr__(self, "_pending_json", _pending(fresh))
        object.__setattr__(self, "__dict__", fresh.__dict__)
        object.__setattr__(self, "__pydantic_fields_set__", fresh.__pydantic_fields_set__)
        object.__setattr__(self, "__pydantic_extra__", fresh.__pydantic_extra__)
        originals = {name: self.__dict__.get(name) for name in pending}
        for name, value in pending.items():
            if value == originals[name]:
                del originals[name]
            else:
                self.__dict__[name] = value
        object.__setattr__(self, "_original_values", originals or None)
        return self

    def _bind(self, manager: Any) -> Self:
        object.__setattr__(self, "_manager", manager)
        return self

    def _identity(self) -> Any:
        return self.__dict__.get(type(self)._identity_field)

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        assert isinstance(other, Resource)
        return bool(self._identity() == other._identity())

    def __hash__(self) -> int:
        return hash((type(self).__name__, self._identity()))

    def __copy__(self) -> Self:
        duplicate = super().__copy__()
        lazy = _pending(self)
        object.__setattr__(duplicate, "_pending_json", dict(lazy) if lazy else None)
        object.__setattr__(duplicate, "_manager", getattr(self, "_manager", None))
        originals = getattr(self, "_original_values", None)
        object.__setattr__(duplicate, "_original_values", dict(originals) if originals else None)
        return duplicate

    def __deepcopy__(self, memo: dict[int, Any] | None = None) -> Self:
        self._load_lazy_fields()
        duplicate = super().__deepcopy__(memo)
        object.__setattr__(duplicate, "_manager", getattr(self, "_manager", None))
        originals = getattr(self, "_original_values", None)
        object.__setattr__(
            duplicate, "_original_values", copy.deepcopy(originals, memo) if originals else None
        )
        return duplicate

    def __getstate__(self) -> dict[Any, Any]:
        # The manager (and through it the credentials) never travels in a pickle.
        self._load_lazy_fields()
        state = super().__getstate__()
        state["_original_values"] = getattr(self, "_original_values", None)
        return state

    def __setstate__(self, state: dict[Any, Any]) -> None:
        originals = state.pop("_original_values", None)
        super().__setstate__(state)
        object.__setattr__(self, "_manager", None)
        object.__setattr__(self, "_original_values", originals)


_LAZY_LOCK = threading.RLock()


def _lazy_decode_error(model: Resource, problem: str, text: bytes) -> ResponseDecodeError:
    snippet = text[:200].decode("utf-8", errors="replace")
    return ResponseDecodeError(
        f"the listing's {problem}",
        status_code=200,
        method="GET",
        url=str(model.__dict__.get("resource_uri", "")),
        content_type="application/json",
        snippet=snippet,
    )


def _pending(model: Resource) -> dict[str, bytes] | None:
    """The JSON text of a model's lazy fields not parsed yet, by field name."""
    try:
        pending: dict[str, bytes] | None = object.__getattribute__(model, "_pending_json")
    except AttributeError:
        return None
    return pending


def bound_manager(model: Resource, manager: T | None) -> T:
    """Return a model's manager, or raise :class:`UnboundResourceError` if it has none."""
    if manager is None:
        raise UnboundResourceError(
            f"this {type(model).__name__} is not bound to a client; read it through a client "
            f"(for example client.{type(model).__name__.lower()}s.get(...)) to use its actions"
        )
    return manager


def bind_all(models: Sequence[Resource], manager: Any) -> None:
    """Attach ``manager`` to every model of a list (cheap: no validation involved)."""
    for model in models:
        object.__setattr__(model, "_manager", manager)
