"""jixiao: read Chinese performance self-evaluations and measure their quality."""

from nlp.errors import InputError
from nlp.ingest import ingest

__version__ = "0.1.0"
PIPELINE_VERSION = __version__

__all__ = ["PIPELINE_VERSION", "InputError", "__version__", "ingest"]
