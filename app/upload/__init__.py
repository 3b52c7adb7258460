"""The upload engine: plan, per-row pipeline, journal, retry policy, audit log (no Qt).

See README.md in this folder for the flow and the decisions.
"""
