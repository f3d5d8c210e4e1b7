"""Participatory budgets: phases, projects, ballots, counting and results."""
