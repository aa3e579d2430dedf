from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.cache import add_never_cache_headers

from blogcraft.site import absolute_url

from .feed_formats import AtomFeedWithContent, JsonFeed, RssFeedWithContent
from .models import Post
from .timestamps import to_the_second
from .visibility import categories_visible_to, tags_visible_to


class PostFeed(Feed):
    """The newest published posts with their full content: the site's main feed."""

    feed_type = RssFeedWithContent
    language = "en-us"
    # The route that serves the feed: its own address, for the self link.
    route = "posts:rss"

    def __call__(self, request, *args, **kwargs):
        response = super().__call__(request, *args, **kwargs)
        if request.user.is_staff:
            # Staff also get feeds of what is not public yet: never keep a copy.
            add_never_cache_headers(response)
        return response

    def title(self):
        return settings.SITE_NAME

    def description(self):
        return settings.SITE_TAGLINE

    def link(self):
        return absolute_url("/")

    def feed_url(self, obj):
        # From the route, not the request: one instance serves every request, in
        # many threads at once, so it must keep no request of its own.
        kwargs = {} if obj is None else {"slug": obj.slug}
        return absolute_url(reverse(self.route, kwargs=kwargs))

    def author_name(self):
        return settings.SITE_AUTHOR

    def published_posts(self):
        # A feed carries each body whole, in its feed variant only.
        return Post.objects.published().for_feed()

    def items(self):
        return self.published_posts()[: settings.BLOGCRAFT_FEED_ITEMS]

    def item_title(self, post):
        return post.title

    def item_description(self, post):
        return post.description

    def item_link(self, post):
        return absolute_url(post.get_absolute_url())

    def item_guid(self, post):
        # Permanent: a post whose slug changed keeps the id readers know it by.
        return post.feed_guid()

    def item_guid_is_permalink(self, post):
        return post.feed_guid() == self.item_link(post)

    def item_pubdate(self, post):
        return to_the_second(post.published_at)

    def item_updateddate(self, post):
        return to_the_second(post.last_changed())

    def item_categories(self, post):
        return [tag.name for tag in post.tags.all()]

    def item_extra_kwargs(self, post):
        # Every author, written by each format in its own way (see feed_formats).
        return {
            "content_html": post.feed_html,
            "authors": [
                {
                    "name": author.name,
                    "url": author.link(),
                    "avatar": absolute_url(author.avatar.url) if author.avatar else "",
                }
                for author in post.credited_authors()
            ],
        }


class AtomPostFeed(PostFeed):
    feed_type = AtomFeedWithContent
    route = "posts:atom"
    subtitle = PostFeed.description


class JsonPostFeed(PostFeed):
    feed_type = JsonFeed
    route = "posts:json-feed"


class TagFeed(PostFeed):
    """The newest published posts with one tag."""

    route = "posts:tag-rss"

    def get_object(self, request, slug):
        return get_object_or_404(tags_visible_to(request.user), slug=slug)

    def title(self, tag):
        return f"{settings.SITE_NAME} · #{tag.name}"

    def description(self, tag):
        return f"Posts tagged “{tag.name}” on {settings.SITE_NAME}."

    def link(self, tag):
        return absolute_url(tag.get_absolute_url())

    def items(self, tag):
        return self.published_posts().filter(tags=tag)[: settings.BLOGCRAFT_FEED_ITEMS]


class AtomTagFeed(TagFeed):
    feed_type = AtomFeedWithContent
    route = "posts:tag-atom"
    subtitle = TagFeed.description


class CategoryFeed(PostFeed):
    """The newest published posts filed under one category."""

    route = "posts:category-rss"

    def get_object(self, request, slug):
        return get_object_or_404(categories_visible_to(request.user), slug=slug)

    def title(self, category):
        return f"{settings.SITE_NAME} · {category.name}"

    def description(self, category):
        return f"Posts filed under “{category.name}” on {settings.SITE_NAME}."

    def link(self, category):
        return absolute_url(category.get_absolute_url())

    def items(self, category):
        posts = self.published_posts().filter(category=category)
        return posts[: settings.BLOGCRAFT_FEED_ITEMS]


class AtomCategoryFeed(CategoryFeed):
    feed_type = AtomFeedWithContent
    route = "posts:category-atom"
    subtitle = CategoryFeed.description
