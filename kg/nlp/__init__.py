"""The spaCy extraction pipeline: registered components and the loader of its config."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import spacy
from spacy.language import Language

from kg.config import PIPELINES_DIR
from kg.nlp import entities, relations, repeated_names, statistical, tokenizer  # noqa: F401  (registers the factories)

DEFAULT_CONFIG = PIPELINES_DIR / "zh_news.cfg"


@cache
def load_pipeline(config_path: Path = DEFAULT_CONFIG) -> Language:
    """Build the pipeline described by a spaCy config file (default: pipelines/zh_news.cfg)."""
    config = spacy.util.load_config(config_path)
    return spacy.util.load_model_from_config(config, auto_fill=True, validate=True)
