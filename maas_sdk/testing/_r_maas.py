"""MAAS configuration: ``maas/?op=get_config`` and ``maas/?op=set_config`` (§16)."""

from __future__ import annotations

from maas_sdk._wire import WireResponse

from ._config import canonical_name, unknown_setting_message, validate_config_value
from ._forms import require_param
from ._responses import TEXT_NO_CHARSET, FieldErrors, json_response, text_response
from ._router import RequestContext, routes


def _known(name: str) -> str:
    stored = canonical_name(name)
    if stored is None:
        raise FieldErrors({name: unknown_setting_message(name)}, charset=False)
    return stored


@routes.route("GET", "maas/", op="get_config")
def get_config(ctx: RequestContext) -> WireResponse:
    """Return one setting as a compact JSON value.

    MAAS API: GET /MAAS/api/2.0/maas/?op=get_config
    """
    name = require_param(ctx.query, "name")
    value = ctx.store.config[_known(name)]
    return json_response(value, compact=True, charset=False)


@routes.route("POST", "maas/", op="set_config")
def set_config(ctx: RequestContext) -> WireResponse:
    """Change one setting (admin); answers ``OK``.

    MAAS API: POST /MAAS/api/2.0/maas/?op=set_config
    """
    ctx.require_admin()
    name = require_param(ctx.data, "name")
    raw = require_param(ctx.data, "value")
    stored = _known(name)
    value, error = validate_config_value(stored, raw)
    if error is not None:
        raise FieldErrors({name: error})
    ctx.store.config[stored] = value
    return text_response("OK", content_type=TEXT_NO_CHARSET)
