"""A local, faithful Taobao (TOP) gateway on loopback for tests, CI and demo mode."""
