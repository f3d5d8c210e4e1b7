"""Translations: the status of every translatable text in every language, the translators'
workspace (a queue of missing and outdated texts with what changed in the source), a coverage report,
and machine translation through a pluggable provider.

Translatable texts stay where they are (the records' translation maps); this domain only keeps what
cannot be read from them: which language is the original, which translations went stale when their
source changed (with the source text they were made from), and which were machine-translated.
"""
