"""planingest: legacy plan documents (PDF, Word) in, clean versioned action records out."""

__version__ = "0.1.0"
