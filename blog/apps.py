from django.apps import AppConfig


class BlogConfig(AppConfig):
    name = "blog"
    verbose_name = "Blog et pages"

    def ready(self):
        import blog.signals  # noqa: F401
        from blog import mydata

        mydata.register()
