"""Flags, the moderation queue and its decisions, blocks."""
