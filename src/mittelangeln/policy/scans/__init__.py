"""Scanned documents: test deliveries, OCR text for the catalog."""
