"""Ledger mode: the branch's hand-kept Excel ledger (手工电子台账) assessed with no database."""
