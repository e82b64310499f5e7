"""The `playbook` command: check, new, schemas and hosting, with the starter files."""
