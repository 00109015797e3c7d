"""Rule-based extraction of development-zone entities and relations from Chinese text.

Public entry point: `extract(doc) -> Extraction` (pure; see kg/extract/pipeline.py and
docs/extraction.md).
"""

from kg.extract.pipeline import extract

__all__ = ["extract"]
