"""The accountability rules (rules.md), free of frappe so they run and test anywhere.

Scalar functions (one case at a time) are the readable reference the desk uses per document;
:mod:`.batch` assesses a whole period at once over columns and is checked against them.
"""
