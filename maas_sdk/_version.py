"""The package version, read by packaging and exposed as ``maas_sdk.__version__``."""

__version__ = "0.1.0.dev0"
