"""Store the new derived fields (feed HTML, page assets) for posts saved before."""

from django.db import migrations


def rerender(apps, schema_editor):
    from posts.rendering.stored import stored_fields

    Post = apps.get_model("posts", "Post")
    # Only the fields this migration's model has: the pipeline stores more since.
    known = {field.name for field in Post._meta.get_fields()}
    for post in Post.objects.all():
        fields = {
            name: value
            for name, value in stored_fields(post.body).items()
            if name in known
        }
        for name, value in fields.items():
            setattr(post, name, value)
        post.save(update_fields=list(fields))


class Migration(migrations.Migration):
    dependencies = [("posts", "0006_post_feed_html_and_assets")]

    operations = [migrations.RunPython(rerender, migrations.RunPython.noop)]
