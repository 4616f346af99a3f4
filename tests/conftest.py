"""The project's tests run with the plugin on (see addopts in pyproject.toml)."""

import os

# Every incremental commit the suite makes is checked against a full snapshot: the
# layer raises XX000 when the two trees differ (see _write_tree_incremental).  libpq
# passes this to every connection, psql and pytester runs included.
os.environ["PGOPTIONS"] = (os.environ.get("PGOPTIONS", "") + " -c pggit.verify_incremental=on").strip()
