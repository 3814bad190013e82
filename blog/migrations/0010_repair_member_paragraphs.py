# Issue 19: until then the member form (blog.forms.MemberPostForm) stored a browser's CRLF
# text as one paragraph of "\r<br>" breaks, which Wagtail's editor cannot open (500:
# "Unmatched tags: expected br, got p"). The posts and their revisions are repaired: no
# carriage return, "<br/>" as Wagtail writes it, and a blank line ends a paragraph. Wagtail
# itself never stores "<br>" nor "\r", so a paragraph an editor wrote is left as it is.

import re

from django.db import migrations
from wagtail.blocks.migrations.migrate_operation import MigrateStreamData
from wagtail.blocks.migrations.operations import BaseBlockOperation

BLANK_LINE = re.compile(r"(?:<br/>\s*){2,}")


def repair(html):
    if "<br>" not in html and "\r" not in html:
        return html
    html = html.replace("\r", "").replace("<br>", "<br/>")
    return BLANK_LINE.sub("</p><p>", html)


class RepairMemberParagraph(BaseBlockOperation):
    def apply(self, block_value):
        return repair(block_value)

    @property
    def operation_name_fragment(self):
        return "repair_member_paragraphs"


class Migration(migrations.Migration):
    dependencies = [
        ("blog", "0009_workflow_in_french"),
        ("wagtailcore", "0048_add_default_workflows"),
    ]

    operations = [
        MigrateStreamData(
            app_name="blog",
            model_name="BlogPostPage",
            field_name="body",
            operations_and_block_paths=[(RepairMemberParagraph(), "paragraph")],
        )
    ]
