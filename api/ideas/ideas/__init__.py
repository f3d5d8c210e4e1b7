"""Ideas: proposing, the board, editing, state moves, following, statistics, settings and the open-data export."""
