"""Sources to records: reading files, release structure, quote extraction, loading."""
