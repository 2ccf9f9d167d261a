"""certflow's benchmarks (not part of the test suite)."""
