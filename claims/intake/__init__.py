"""Intake: an import (pasted text, a file or a URL) becomes an article and its claims."""
