"""'What do I need?': a personal checklist from a national template each municipality adapts."""
