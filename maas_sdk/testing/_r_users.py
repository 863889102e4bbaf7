"""Users: ``users/``, ``users/?op=whoami``, ``users/{username}/`` (REFERENCE.md §12.1)."""

from __future__ import annotations

from maas_sdk._wire import WireResponse

from ._faults import CONFLICT_PAGE
from ._forms import require_param, strict_01_bool
from ._models import User
from ._render import render_user
from ._responses import HTML, BadRequest, FakeAPIError, NotFound, json_response, no_content
from ._router import RequestContext, routes


@routes.route("GET", "users/")
def list_users(ctx: RequestContext) -> WireResponse:
    """List every user, MAAS's built-in ones included, ordered by username.

    MAAS API: GET /MAAS/api/2.0/users/
    """
    users = sorted(ctx.store.users.values(), key=lambda user: user.username.lower())
    return json_response([render_user(user) for user in users])


@routes.route("GET", "users/", op="whoami")
def whoami(ctx: RequestContext) -> WireResponse:
    """Return the caller.

    MAAS API: GET /MAAS/api/2.0/users/?op=whoami
    """
    return json_response(render_user(ctx.require_user()))


@routes.route("POST", "users/")
def create_user(ctx: RequestContext) -> WireResponse:
    """Create a user (admin); ``is_superuser`` takes only ``0``/``1``.

    An existing username is not checked by MAAS: the database insert fails and, after its own
    retries, the region answers 409 with ``Retry-After: 5`` and an HTML conflict page.

    MAAS API: POST /MAAS/api/2.0/users/
    """
    ctx.require_admin()
    username = require_param(ctx.data, "username")
    email = require_param(ctx.data, "email")
    password = require_param(ctx.data, "password")
    is_superuser = strict_01_bool(require_param(ctx.data, "is_superuser"))
    if username in ctx.store.users:
        raise FakeAPIError(409, CONFLICT_PAGE, content_type=HTML, headers={"Retry-After": "5"})
    user = ctx.store.add_user(username, email=email, is_superuser=is_superuser, password=password)
    return json_response(render_user(user))


def _user(ctx: RequestContext) -> User:
    user = ctx.store.users.get(ctx.args["username"])
    if user is None:
        raise NotFound("User")
    return user


@routes.route("GET", "users/{username}/")
def read_user(ctx: RequestContext) -> WireResponse:
    """Read a user by username.

    MAAS API: GET /MAAS/api/2.0/users/{username}/
    """
    return json_response(render_user(_user(ctx)))


@routes.route("DELETE", "users/{username}/")
def delete_user(ctx: RequestContext) -> WireResponse:
    """Delete a user (admin); unknown usernames answer 204.

    MAAS API: DELETE /MAAS/api/2.0/users/{username}/
    """
    caller = ctx.require_admin()
    store = ctx.store
    username = ctx.args["username"]
    if caller.username == username:
        raise BadRequest("An administrator cannot self-delete.")
    user = store.users.get(username)
    if user is None:
        return no_content()
    transfer_name = ctx.query.get("transfer_resources_to")
    transfer_to = None
    if transfer_name:
        transfer_to = store.users.get(transfer_name)
        if transfer_to is None:
            raise NotFound("User")
    store.hooks.user_deleting(user, transfer_to)
    for token in store.user_tokens(username):
        del store.tokens[token.token_key]
    for key_id in [key.id for key in store.sshkeys.values() if key.username == username]:
        del store.sshkeys[key_id]
    del store.users[username]
    store.changed()
    return no_content()
