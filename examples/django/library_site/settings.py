"""Settings of the library example. Under pytest-pggit (--pggit-django, or pggit_django in
pytest.ini) DATABASES["default"] is pointed at the run's own server: at the template while
the migrations run, at pytest-django's test database (a clone of the template) in tests."""
import os

SECRET_KEY = "library-example-not-secret"
DEBUG = False
INSTALLED_APPS = ["catalog"]
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": os.environ.get("LIBRARY_DB", "library"),
        "HOST": os.environ.get("LIBRARY_DB_HOST", "localhost"),
    }
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
USE_TZ = True
