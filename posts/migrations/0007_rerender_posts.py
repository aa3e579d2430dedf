"""Store the new derived fields (feed HTML, page assets) for posts saved before."""

from django.db import migrations


def rerender(apps, schema_editor):
    from posts.rendering import render_markdown

    Post = apps.get_model("posts", "Post")
    for post in Post.objects.all():
        rendering = render_markdown(post.body)
        post.body_html = rendering.html
        post.body_text = rendering.text
        post.feed_html = rendering.feed_html
        post.page_assets = {
            "stylesheets": list(rendering.stylesheets),
            "scripts": list(rendering.scripts),
        }
        post.render_problems = list(rendering.problems)
        post.save(
            update_fields=[
                "body_html", "body_text", "feed_html", "page_assets", "render_problems"
            ]
        )


class Migration(migrations.Migration):
    dependencies = [("posts", "0006_post_feed_html_and_assets")]

    operations = [migrations.RunPython(rerender, migrations.RunPython.noop)]
