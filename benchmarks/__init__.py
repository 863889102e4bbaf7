"""Benchmarks of maas-sdk against naive baselines and python-libmaas (``make bench``)."""
