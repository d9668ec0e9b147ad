"""One invoke call: checked against its domain and limits, read, rendered as CLOVA answers it."""
