"""Integration monitoring: indicator definitions, observations, imports, analytics, reports."""
