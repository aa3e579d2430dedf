from datetime import MAXYEAR, MINYEAR
from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import EmptyPage
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_safe

from blogcraft.content_security import apply_policy, body_policy

from .archive import (
    ARCHIVE_POSTS_PER_PAGE,
    neighbour_years,
    posts_of_year,
    published_years,
)
from .metadata import post_image_url, post_structured_data, tag_social_meta
from .models import Category, Post, Tag, series_lookups
from .pagination import IdFirstPaginator
from .reviews import Reason, verify
from .search import search_posts
from .visibility import categories_visible_to, tags_visible_to

RELATED_POST_COUNT = 3


def paginate(queryset, page, per_page=None):
    """Return a page of queryset, or raise 404 for a page that does not exist."""
    per_page = per_page or settings.BLOGCRAFT_POSTS_PER_PAGE
    paginator = IdFirstPaginator(queryset, per_page)
    try:
        return paginator.page(page)
    except EmptyPage as error:
        raise Http404("No such page.") from error


def post_list(request, page=1):
    if page == 1 and "page" in request.resolver_match.kwargs:
        return redirect("posts:list", permanent=True)
    posts = paginate(Post.objects.published().as_cards(), page)
    return render(request, "posts/post_list.html", {"page_obj": posts})


def post_detail(request, slug):
    """Show a post; staff also see drafts and scheduled posts, never cached."""
    posts = Post.objects.all() if request.user.is_staff else Post.objects.published()
    post = get_object_or_404(posts.for_page(), slug=slug)
    return render_post_page(request, post)


def render_post_page(request, post, **extra_context):
    """Render post's page as readers see it; an unpublished post's is never cached.

    post comes from Post.objects.for_page(). The post's own page and a review link's
    page both render through here, so that a reviewer sees what readers will.
    """
    context = post_page_context(post) | extra_context
    response = render(request, "posts/post_detail.html", context)
    apply_policy(request, response, body_policy(post.page_assets))
    if not post.is_published():
        add_never_cache_headers(response)
    return response


def post_page_context(post):
    """Return what posts/post_detail.html needs to show post as readers see it.

    The post's page, a review link's page and the editor's preview of unsaved
    changes all render from it.
    """
    authors = post.credited_authors()
    return {
        "post": post,
        "authors": authors,
        "author_notes": [author for author in authors if author.bio],
        "social_image": post_image_url(post),
        "structured_data": post_structured_data(post),
        "related_posts": related_posts(post),
        **reading_order(post),
    }


@require_safe
def review(request, token):
    """Show an unpublished post to whoever holds a valid review link.

    Never through the page cache: the page shows the latest saved text, and only to
    those who have the link.
    """
    link, reason = verify(token)
    if reason is None:
        response = render_post_page(request, link.post, review_link=link)
    elif reason is Reason.PUBLISHED:
        response = redirect(link.post)
    else:
        # Whatever went wrong, the page tells why and never names the post.
        response = render(
            request,
            "posts/review_unavailable.html",
            {"reason": reason, "link": link},
            status=404 if reason is Reason.UNKNOWN else 410,
        )
    return keep_private(response)


def keep_private(response):
    """Keep a response out of shared caches and search engines, and its address
    out of the Referer header of every request the page leads to."""
    add_never_cache_headers(response)
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    return response


def reading_order(post):
    """Return the series box's parts and the previous and next posts to read.

    Within a series the order is the one its readers see (the series app's
    SeriesPart.reading_order); a standalone post is read in publication order.
    """
    part = getattr(post, "series_part", None)
    if part is not None:
        order = part.reading_order
        previous, following = order.previous, order.next
        return {
            "series_order": order,
            "previous_post": previous.post if previous else None,
            "next_post": following.post if following else None,
        }
    if post.published_at is None:
        return {}
    published = Post.objects.published().only("title", "slug", "published_at")
    moment = Q(published_at=post.published_at)
    older = Q(published_at__lt=post.published_at)
    newer = Q(published_at__gt=post.published_at)
    if post.pk is None:
        # Not saved yet (the editor's preview): it would be saved after every other.
        older |= moment
    else:
        older |= moment & Q(pk__lt=post.pk)
        newer |= moment & Q(pk__gt=post.pk)
    return {
        "previous_post": published.filter(older)
        .order_by("-published_at", "-pk")
        .first(),
        "next_post": published.filter(newer).order_by("published_at", "pk").first(),
    }


def related_posts(post):
    """Return the published posts sharing most tags with post.

    Not its series' other parts: the series box beside the text lists those already.
    """
    tag_ids = [tag.pk for tag in post.tags.all()]
    if not tag_ids:
        return []
    related = Post.objects.published().exclude(pk=post.pk)
    if series_part := getattr(post, "series_part", None):
        (same_series,) = series_lookups("series_id")
        related = related.exclude(**{same_series: series_part.series_id})
    return (
        related.filter(tags__in=tag_ids)
        .annotate(shared_tags=Count("tags"))
        .order_by("-shared_tags", "-published_at", "-pk")
        .for_related()[:RELATED_POST_COUNT]
    )


def tag_list(request):
    tags = Tag.objects.with_post_counts().order_by("name")
    return render(request, "posts/tag_list.html", {"tags": tags})


def tag_detail(request, slug, page=1):
    """List a tag's published posts; staff also see a tag no published post uses."""
    tag = get_object_or_404(tags_visible_to(request.user), slug=slug)
    posts = Post.objects.published().filter(tags=tag).as_cards()
    page_obj = paginate(posts, page)
    context = {"tag": tag, "page_obj": page_obj, **tag_social_meta(tag)}
    response = render(request, "posts/tag_detail.html", context)
    if not page_obj.paginator.count:
        add_never_cache_headers(response)
    return response


def category_list(request):
    categories = Category.objects.with_post_counts().order_by("name")
    return render(request, "posts/category_list.html", {"categories": categories})


def category_detail(request, slug, page=1):
    """List a category's published posts; staff also see one no published post uses."""
    if page == 1 and "page" in request.resolver_match.kwargs:
        return redirect("posts:category", slug=slug, permanent=True)
    category = get_object_or_404(categories_visible_to(request.user), slug=slug)
    posts = Post.objects.published().filter(category=category).as_cards()
    page_obj = paginate(posts, page)
    context = {
        "category": category,
        "page_obj": page_obj,
        "description": f"Posts filed under “{category.name}” on {settings.SITE_NAME}.",
    }
    response = render(request, "posts/category_detail.html", context)
    if not page_obj.paginator.count:
        add_never_cache_headers(response)
    return response


def archive(request):
    """The years with posts, each with its count, linking to its page."""
    return render(request, "posts/archive.html", {"years": published_years()})


def archive_year(request, year, page=1):
    """A year's posts by month, newest first, a page of titles at a time."""
    if not MINYEAR < year < MAXYEAR:
        raise Http404("No such year.")
    if page == 1 and "page" in request.resolver_match.kwargs:
        return redirect("posts:archive-year", year=year, permanent=True)
    page_obj = paginate(posts_of_year(year), page, ARCHIVE_POSTS_PER_PAGE)
    if not page_obj.paginator.count:
        raise Http404("Nothing was published that year.")
    newer, older = neighbour_years(year)
    context = {"year": year, "page_obj": page_obj, "newer": newer, "older": older}
    return render(request, "posts/archive_year.html", context)


def search(request):
    """Published posts matching the reader's words, best first, a page at a time."""
    query = request.GET.get("q", "").strip()[:200]
    context = {"query": query}
    if query:
        page = request.GET.get("page", "1")
        if not page.isdecimal():
            raise Http404("No such page.")
        context["page_obj"] = paginate(search_posts(query), int(page))
        context["page_query"] = urlencode({"q": query})
    return render(request, "posts/search.html", context)
