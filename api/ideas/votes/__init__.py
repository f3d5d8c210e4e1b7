"""Votes on ideas: one per person and idea, exact under concurrency."""
