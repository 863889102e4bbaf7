"""The client's manager attributes, grouped by area so each group lives in its own module.

:class:`maas_sdk.client.MAASClient` inherits every mixin here; each mixin exposes typed,
lazily created managers (``client.fabrics``, ``client.devices``, ...) built on ``transport``.
"""
