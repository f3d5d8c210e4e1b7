"""Subscriptions: partner endpoints, their secrets and their deliveries."""
