"""The data model: typed records of every data kind, the loaded playbook, data errors and page URLs."""
