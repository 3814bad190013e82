from django.db import migrations

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
STEPLEN = 4

INDEXES = [
    # model, slug, title
    ("blogindexpage", "blog", "Le blog"),
    ("retexindexpage", "retex", "Le retex de La Transfo"),
]


def _step(number):
    digits = ""
    while number:
        number, remainder = divmod(number, len(ALPHABET))
        digits = ALPHABET[remainder] + digits
    return digits.rjust(STEPLEN, "0")


def create_indexes(apps, schema_editor):
    """`/blog/` and `/retex/` exist from the first migration on (public URLs of the product)."""
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    home = apps.get_model("blog.HomePage").objects.filter(depth=2).first()
    if home is None:
        return
    for model_name, slug, title in INDEXES:
        if Page.objects.filter(depth=home.depth + 1, path__startswith=home.path, slug=slug).exists():
            continue
        model = apps.get_model("blog", model_name)
        content_type, _ = ContentType.objects.get_or_create(model=model_name, app_label="blog")
        children = Page.objects.filter(depth=home.depth + 1, path__startswith=home.path)
        last = children.order_by("-path").values_list("path", flat=True).first()
        number = int(last[-STEPLEN:], len(ALPHABET)) + 1 if last else 1
        model.objects.create(
            title=title,
            draft_title=title,
            slug=slug,
            content_type=content_type,
            path=home.path + _step(number),
            depth=home.depth + 1,
            numchild=0,
            url_path=f"{home.url_path}{slug}/",
            live=True,
            locale_id=home.locale_id,
        )
        Page.objects.filter(pk=home.pk).update(numchild=children.count())


def remove_indexes(apps, schema_editor):
    for model_name, slug, _title in INDEXES:
        apps.get_model("blog", model_name).objects.filter(slug=slug, depth=3).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("blog", "0003_blog_posts_and_retex"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_indexes, remove_indexes)]
