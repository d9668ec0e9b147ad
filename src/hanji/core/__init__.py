"""The pure core: geometry, the OCR result tree and the error hierarchy. No I/O here."""
