"""Site-wide views that belong to no app."""

from django.conf import settings
from django.http import HttpResponse, HttpResponseServerError
from django.shortcuts import redirect, render
from django.template import loader
from django.templatetags.static import static
from django.views.decorators.http import require_GET

from posts.models import Post
from series.models import Series

HOME_POST_COUNT = 6


def home(request):
    """The newest posts and every series with its progress."""
    context = {
        "posts": Post.objects.published().as_cards()[:HOME_POST_COUNT],
        # In progress first (readers follow those), then the newest.
        "series_list": Series.objects.with_progress().featured_first(),
        "post_count": Post.objects.published().count(),
    }
    return render(request, "home.html", context)


def favicon(request):
    """Answer browsers that ask for /favicon.ico without reading the page's link."""
    return redirect(static("img/favicon.svg"), permanent=True)


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /editor/",
        f"Sitemap: {settings.SITE_URL}/sitemap.xml",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


def server_error(request):
    """The 500 page, rendered without the database: it may be what failed."""
    template = loader.get_template("500.html")
    context = {"site_name": settings.SITE_NAME, "site_tagline": settings.SITE_TAGLINE}
    return HttpResponseServerError(template.render(context))
