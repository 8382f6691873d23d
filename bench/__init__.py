"""Benchmark: build speed, scaling and page weight on a synthetic corpus (issue 6). Run `make bench`."""
