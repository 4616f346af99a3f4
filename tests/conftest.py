"""The project's tests run with the plugin on (see addopts in pyproject.toml)."""
