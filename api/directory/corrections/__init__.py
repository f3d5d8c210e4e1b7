"""Corrections: anyone tells a service's owner that its listing is wrong; the owner handles it."""
