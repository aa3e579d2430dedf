from django.shortcuts import get_object_or_404, render
from django.utils.cache import add_never_cache_headers

from .caching import cached_public_response
from .metadata import post_image_url, post_structured_data
from .models import Post, Tag

HOME_POST_COUNT = 20


@cached_public_response
def home(request):
    posts = Post.objects.published().for_list()[:HOME_POST_COUNT]
    return render(request, "posts/home.html", {"posts": posts})


@cached_public_response
def post_detail(request, slug):
    """Show a post; staff also see drafts and scheduled posts, never cached."""
    preview = request.user.is_staff
    posts = Post.objects.all() if preview else Post.objects.published()
    post = get_object_or_404(posts.for_detail(), slug=slug)
    context = {
        "post": post,
        "social_image": post_image_url(post),
        "structured_data": post_structured_data(post),
    }
    response = render(request, "posts/post_detail.html", context)
    if not post.is_published():
        add_never_cache_headers(response)
    return response


@cached_public_response
def tag_detail(request, slug):
    tag = get_object_or_404(Tag, slug=slug)
    posts = Post.objects.published().filter(tags=tag).for_list()
    return render(request, "posts/tag_detail.html", {"tag": tag, "posts": posts})
