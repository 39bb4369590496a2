"""Migration scripts, oldest first; each written by hand (or reviewed autogenerate output)."""
