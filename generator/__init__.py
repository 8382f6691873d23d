"""Turn explainer data (articles/) into per-locale MkDocs pages (docs/) and a static site (site/).

The pipeline, one module a stage: load → validate → model → render → write → site (mkdocs build).
"""

__version__ = "0.1.0"
