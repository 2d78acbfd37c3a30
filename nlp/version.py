"""The versions a run records (SPEC §3): importing this module imports nothing else.

Inner modules read the versions from here, never from ``nlp/__init__.py``, so that
importing one stage does not import the package's whole public surface.
"""

PIPELINE_VERSION = "0.23.0"  # the package version (pyproject.toml); bumped with every release
SCHEMA_VERSION = "2.0"  # 2.0: source.ocr; execution_rate_pct, code_zh, label_zh, ocr_confidence, document_copies
