"""The shop example: the schema comes from schema/*.sql (pggit_schema in pytest.ini);
this hook adds what a migration tool or a seed script would, before the baseline commit."""


def pytest_pggit_setup(connection, database):
    # Reference data every test starts with; rows are not schema, so the baseline
    # commit (and the snapshot) do not change when they do.
    connection.execute(
        "INSERT INTO products (sku, title, price_cents) VALUES "
        "('MUG-1', 'Mug', 900), ('TEE-1', 'T-shirt', 1900), ('CAP-1', 'Cap', 1500)"
    )
