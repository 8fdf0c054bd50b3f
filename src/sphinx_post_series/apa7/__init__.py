"""APA 7 citation and reference-list styles for pybtex and sphinxcontrib-bibtex."""
