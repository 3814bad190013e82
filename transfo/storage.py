from functools import cached_property

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages


class PrivateFileHasNoURL(NotImplementedError, ValueError):
    """Asked for the URL of a private file."""


class PrivateStorage(FileSystemStorage):
    """Files with no URL, outside MEDIA_ROOT: served only by permission-checked views."""

    def __init__(self, **kwargs):
        kwargs["base_url"] = None
        super().__init__(**kwargs)

    @cached_property
    def base_location(self):
        return self._value_or_setting(self._location, settings.PRIVATE_MEDIA_ROOT)

    def url(self, name):
        # NotImplementedError, as Django's storages without URLs: Wagtail's document view
        # then serves the file itself instead of redirecting to it.
        raise PrivateFileHasNoURL("Private files have no URL: serve them through a view.")

    def _clear_cached_properties(self, setting, **kwargs):
        super()._clear_cached_properties(setting, **kwargs)
        if setting == "PRIVATE_MEDIA_ROOT":
            self.__dict__.pop("base_location", None)
            self.__dict__.pop("location", None)


def private_storage():
    """The storage of private files (a callable, so that migrations name no instance)."""
    return storages["private"]
