"""Official answers of the municipality: private until published."""
