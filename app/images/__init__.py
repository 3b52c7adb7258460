"""Picture pipeline: inspect, fix, hash and thumbnail product images (no network, no Qt)."""
