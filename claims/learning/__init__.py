"""The desk's detector: which detector runs, the editors' decisions it learns from, and refitting it."""
