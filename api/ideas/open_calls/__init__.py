"""Open calls: ideas competing for a named prize."""
