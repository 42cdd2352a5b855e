"""Stance of a quote, from hawkish (+1: threat, force, escalation) to conciliatory (-1: talks, restraint)."""
