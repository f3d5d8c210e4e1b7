"""Contact requests: "ask for help" without an account, and the coordinators' queue."""
