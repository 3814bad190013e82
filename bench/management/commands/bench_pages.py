import json

from django.core.management.base import BaseCommand

from bench.pages import page_list, session_cookie


class Command(BaseCommand):
    help = (
        "Print as JSON the pages the bench measures and a signed-in session cookie for each "
        "account that opens them (bench settings only)."
    )

    def handle(self, *args, **options):
        pages = [
            {"name": name, "path": path, "account": account, "public": public}
            for name, path, account, public in page_list()
        ]
        accounts = sorted({page["account"] for page in pages if page["account"]})
        cookies = {account: session_cookie(account) for account in accounts}
        self.stdout.write(json.dumps({"pages": pages, "cookies": cookies}))
