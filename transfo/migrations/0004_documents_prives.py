# Issue 18: Wagtail's documents kept their files under the public media, reachable by path
# whatever their collection's restriction. Each one moves to transfo.DocumentPrive, with the
# same id (the pages and méthodes that name it keep naming it), its file moved to the
# private storage and its tags along; the public copy is deleted.

from django.core.files.storage import default_storage, storages
from django.core.management.color import no_style
from django.db import migrations

FIELDS = ["title", "collection_id", "uploaded_by_user_id", "file_size", "file_hash"]


def move_documents(apps, schema_editor):
    Old = apps.get_model("wagtaildocs", "Document")
    New = apps.get_model("transfo", "DocumentPrive")
    ContentType = apps.get_model("contenttypes", "ContentType")
    TaggedItem = apps.get_model("taggit", "TaggedItem")
    private = storages["private"]
    moved = []
    for old in Old.objects.order_by("pk"):
        name = old.file.name
        if name and default_storage.exists(name):
            with default_storage.open(name, "rb") as source:
                name = private.save(name, source)
            moved.append(old.file.name)
        new = New.objects.create(
            pk=old.pk, file=name, **{field: getattr(old, field) for field in FIELDS}
        )
        New.objects.filter(pk=new.pk).update(created_at=old.created_at)
    if not moved and not New.objects.exists():
        return
    old_type = ContentType.objects.filter(app_label="wagtaildocs", model="document").first()
    new_type, _ = ContentType.objects.get_or_create(app_label="transfo", model="documentprive")
    if old_type is not None:
        TaggedItem.objects.filter(content_type=old_type).update(content_type=new_type)
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), [New]):
            cursor.execute(statement)
    for name in moved:
        default_storage.delete(name)


class Migration(migrations.Migration):
    dependencies = [
        ("transfo", "0003_documentprive"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(move_documents, migrations.RunPython.noop)]
