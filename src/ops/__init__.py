"""Running many documents: worker processes under limits, executors (local processes, Dask),
batch import, shared-drive sync. Everything here drives :mod:`planingest.pipeline` and writes
through :mod:`planingest.store`, the only thing that touches the database."""
