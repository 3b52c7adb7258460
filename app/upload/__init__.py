"""The upload engine: plan, per-row pipeline, journal, retry policy, audit log (no Qt)."""
