"""The programme's policy scenarios, bound with certflow's shipped steps and nothing else."""

from pytest_bdd import scenarios

scenarios("features")
