"""The scan channel of the Posteingang: a hot folder the scanners deliver
PDFs (with optional JSON sidecars) into, batches split at separator sheets,
empty scans refused, and the separator sheet the mail room prints."""
