"""Quality measurements of the pipeline stages on dev data (``corroborate evaluate``)."""
