from django.db import models


class Author(models.Model):
    name = models.CharField(max_length=200)


class Book(models.Model):
    author = models.ForeignKey(Author, on_delete=models.PROTECT, related_name="books")
    title = models.CharField(max_length=300)
    published = models.DateField(null=True)
    isbn = models.CharField(max_length=17, null=True, unique=True)
