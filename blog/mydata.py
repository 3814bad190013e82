"""The blog's part of "mes données": the posts the person is an author of, and the photos of
their posts in the capot ouvert.

Nothing is erased with the account: a post is the group's story, published or under review;
its author shows as "Ancien·ne membre" once the account is scrubbed.
"""

from blog.models import BlogPostPage
from transfo.mydata import register_personal_data


def export_blog(user, files):
    posts = (
        BlogPostPage.objects.filter(auteurs=user)
        .select_related("transfo")
        .prefetch_related("photos")
        .order_by("date", "pk")
    )
    return [
        {
            "titre": post.title,
            "date": post.date,
            "transfo": post.transfo.nom if post.transfo else None,
            "publie": post.live,
            "adresse": post.url_path,
            "chapo": post.chapo,
            "contenu": post.body.get_prep_value(),
            "photos": [
                {
                    "description": photo.alt,
                    "legende": photo.legende,
                    "fichier": files.add(photo.image, f"blog/{post.pk}"),
                }
                for photo in post.photos.all()
            ],
        }
        for post in posts
    ]


def register():
    register_personal_data("blog", export_blog)
