import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("catalog", "0001_initial")]

    operations = [
        migrations.CreateModel(
            name="Book",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False,
                                           verbose_name="ID")),
                ("title", models.CharField(max_length=300)),
                ("published", models.DateField(null=True)),
                ("author", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT,
                                             related_name="books", to="catalog.author")),
            ],
        ),
    ]
