"""Files: the models of scenario and proposal files, and reading, loading and writing them."""
