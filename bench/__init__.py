"""Build benchmark: synthetic pod registries on top of the real playbook, timed against a baseline."""
