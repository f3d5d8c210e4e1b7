"""In-app notifications (kept in the ideas domain for now; other domains may call its logic)."""
