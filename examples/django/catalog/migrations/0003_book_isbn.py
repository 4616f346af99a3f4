from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("catalog", "0002_book")]

    operations = [
        migrations.AddField(
            model_name="book",
            name="isbn",
            field=models.CharField(max_length=17, null=True, unique=True),
        ),
    ]
