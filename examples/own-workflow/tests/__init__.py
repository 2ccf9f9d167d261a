"""The leave-request project's tests: unit tests with certflow.engine.testing, and the feature."""
