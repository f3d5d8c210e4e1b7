"""The discussion on an idea: threaded comments, edits, soft deletion."""
