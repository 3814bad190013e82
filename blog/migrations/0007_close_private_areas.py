# Issue 18: Wagtail's own migrations give its Editors and Moderators groups rights on the
# tree's root and the root collection, which reach every capot ouvert section and every
# restricted collection. Those rights are taken from every group but the coordination's;
# the Editors group gets the blog and the retex (blog.seed.editors_group does the same for
# the demo, blog.sections.rights_reaching_private_areas says what must never be).

from django.db import migrations

COORDINATION_GROUP = "Coordination 27e Région"
EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page"]


def close_private_areas(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    PageViewRestriction = apps.get_model("wagtailcore", "PageViewRestriction")
    Page = apps.get_model("wagtailcore", "Page")
    BlogIndexPage = apps.get_model("blog", "BlogIndexPage")
    RetexIndexPage = apps.get_model("blog", "RetexIndexPage")

    private = list(
        Page.objects.filter(
            pk__in=PageViewRestriction.objects.values("page_id")
        ).values_list("path", flat=True)
    )
    for right in GroupPagePermission.objects.exclude(
        group__name=COORDINATION_GROUP
    ).select_related("page"):
        path = right.page.path
        if right.page.depth <= 2 or any(
            path.startswith(other) or other.startswith(path) for other in private
        ):
            right.delete()
    GroupCollectionPermission.objects.exclude(group__name=COORDINATION_GROUP).filter(
        collection__depth=1
    ).delete()

    editors = Group.objects.filter(name="Editors").first()
    if editors is None:
        return
    sections = [
        *BlogIndexPage.objects.filter(slug="blog", transfo__isnull=True),
        *RetexIndexPage.objects.all(),
    ]
    for section in sections:
        for codename in EDITOR_PAGE_PERMISSIONS:
            permission = Permission.objects.filter(
                content_type__app_label="wagtailcore", codename=codename
            ).first()
            if permission is not None:
                GroupPagePermission.objects.get_or_create(
                    group=editors, page_id=section.pk, permission=permission
                )


class Migration(migrations.Migration):
    dependencies = [
        ("blog", "0006_photos_billets"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(close_private_areas, migrations.RunPython.noop)]
