"""Unmet needs: searches that found nothing, and what people say they were looking for."""
