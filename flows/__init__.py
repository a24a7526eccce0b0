"""Prefect flows and the `kjwatch` command line; the only package that reads the environment."""
