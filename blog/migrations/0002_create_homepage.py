from django.db import migrations


def create_homepage(apps, schema_editor):
    """Replace Wagtail's placeholder page with the platform's home page, served at `/`."""
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    HomePage = apps.get_model("blog.HomePage")

    Page.objects.filter(depth=2, content_type__model="page", content_type__app_label="wagtailcore").delete()
    homepage_type, _ = ContentType.objects.get_or_create(model="homepage", app_label="blog")
    root = Page.objects.get(depth=1)
    homepage = HomePage.objects.create(
        title="La Transfo",
        draft_title="La Transfo",
        slug="accueil",
        content_type=homepage_type,
        path=f"{root.path}0001",
        depth=2,
        numchild=0,
        url_path="/accueil/",
        live=True,
        locale_id=root.locale_id,
    )
    root.numchild = Page.objects.filter(depth=2).count()
    root.save(update_fields=["numchild"])
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page_id": homepage.pk, "site_name": "La Transfo"},
    )


def remove_homepage(apps, schema_editor):
    apps.get_model("blog.HomePage").objects.filter(slug="accueil", depth=2).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("blog", "0001_initial"),
        ("wagtailcore", "0002_initial_data"),
    ]

    operations = [migrations.RunPython(create_homepage, remove_homepage)]
