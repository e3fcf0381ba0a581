"""Review: triage of claims, research and verdicts, each claim's history, and the claims lists' filters."""
