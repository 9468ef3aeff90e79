"""briefing-claims: quantitative claims from press-briefing transcripts.

The Python API (``pipeline.api``) is importable from here; it loads spaCy only when called:

    from pipeline import extract_text, extract_corpus, load_claims
"""

__version__ = "0.1.0"

__all__ = ["extract_text", "extract_corpus", "load_claims", "load_tables", "__version__"]


def __getattr__(name: str):
    # lazy: `import pipeline` (every worker, every CLI call) must not import pandas and spaCy
    if name in ("extract_text", "extract_corpus", "load_claims", "load_tables", "TextExtraction", "Tables"):
        from pipeline import api

        return getattr(api, name)
    raise AttributeError(f"module 'pipeline' has no attribute {name!r}")
