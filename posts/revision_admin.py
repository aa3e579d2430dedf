"""The admin's history of an object: its revisions, a comparison of any two, restore."""

from contextlib import contextmanager

import reversion
from django.contrib import messages
from django.contrib.admin.utils import quote, unquote
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from reversion.admin import VersionAdmin

from .revisions import compare, put_back, revision_author, versions_of


class ShownForm(Exception):
    """Raised to roll back a restore whose form is only shown, not saved."""

    def __init__(self, response):
        self.response = response


class RevisionAdmin(VersionAdmin):
    """A ModelAdmin whose saves keep revisions, with history, comparison, restore."""

    change_form_template = "admin/revisions/change_form.html"
    object_history_template = "admin/revisions/history.html"
    revision_form_template = "admin/revisions/revision_form.html"
    # Deleted objects are not recovered from the admin: no "Recover" link.
    change_list_template = None
    history_latest_first = True

    def reversion_register(self, model, **kwargs):
        """Leave registration to posts.revisions.track, which stores what each
        model's revisions need (editable fields only, and their dependent rows)."""

    @contextmanager
    def create_revision(self, request):
        # A page that is only read saves nothing: no revision (nor its savepoint,
        # so the changelists' pinned query counts hold).
        if request.method != "POST":
            yield
            return
        with super().create_revision(request):
            yield

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "<path:object_id>/history/compare/",
                self.admin_site.admin_view(self.compare_view),
                name="{}_{}_compare".format(*info),
            ),
            *super().get_urls(),
        ]

    def history_view(self, request, object_id, extra_context=None):
        revisions = [
            {
                "version": version,
                "revision": version.revision,
                "restore_url": reverse(
                    f"{self.admin_site.name}:{self.opts.app_label}_"
                    f"{self.opts.model_name}_revision",
                    args=[quote(version.object_id), version.pk],
                ),
            }
            for version in versions_of(self.model, unquote(object_id)).select_related(
                "revision__user"
            )
        ]
        context = {
            "revisions": revisions,
            "compare_url": reverse(
                f"{self.admin_site.name}:{self.opts.app_label}_"
                f"{self.opts.model_name}_compare",
                args=[object_id],
            ),
            **(extra_context or {}),
        }
        # Not VersionAdmin's: it would list the same versions a second time.
        return super(VersionAdmin, self).history_view(request, object_id, context)

    def compare_view(self, request, object_id):
        """Show what changed from one revision to another: fields and text."""
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404(f"No {self.opts.verbose_name} with this id.")
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        versions = versions_of(self.model, obj.pk).select_related("revision__user")
        try:
            before = versions.get(pk=request.GET.get("from"))
            after = versions.get(pk=request.GET.get("to"))
        except (versions.model.DoesNotExist, ValueError) as error:
            raise Http404("Choose two revisions of this object.") from error
        if before.revision.date_created > after.revision.date_created:
            before, after = after, before
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "object": obj,
            "title": f"Changes to {obj}",
            "subtitle": None,
            "sides": [("From", before), ("To", after)],
            "comparison": compare(before, after),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/revisions/compare.html", context)

    def revision_view(self, request, object_id, version_id, extra_context=None):
        """Open the change form filled with an old revision; saving restores it.

        The revision is written to the database inside a transaction, the change
        form is shown or saved from it, and a form that is only shown rolls back.
        Unlike reversion's view, this one silences no signals (that would silence
        them for every thread of the process) and restores this object alone, not
        every object that shares its revision (a bulk action's).
        """
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404(f"No {self.opts.verbose_name} with this id.")
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        version = get_object_or_404(
            versions_of(self.model, obj.pk).select_related("revision"), pk=version_id
        )
        when = date_format(
            timezone.localtime(version.revision.date_created), "DATETIME_FORMAT"
        )
        context = {
            "title": f"Restore {version.object_repr}",
            "restoring": version,
            "restoring_by": revision_author(version.revision),
            **(extra_context or {}),
        }
        history = reverse(
            f"{self.admin_site.name}:{self.opts.app_label}_{self.opts.model_name}"
            "_history",
            args=[object_id],
        )
        try:
            with transaction.atomic(using=version.db):
                left_out = put_back(version)
                for row in left_out:
                    messages.warning(request, f"Left out, as it no longer fits: {row}.")
                with self.create_revision(request):
                    response = self.changeform_view(
                        request, object_id, request.path, context
                    )
                    if request.method == "POST" and response.status_code == 302:
                        reversion.set_comment(f"Restored the revision of {when}.")
                    elif response.status_code == 200:
                        response.template_name = self.revision_form_template
                        response.render()  # from the restored rows, before rollback
                        raise ShownForm(response)
        except ShownForm as shown:
            return shown.response
        except IntegrityError as error:
            messages.error(request, f"This revision cannot be restored: {error}")
            return redirect(history)
        return response

    def recoverlist_view(self, request, extra_context=None):
        raise Http404("Deleted objects are not recovered from the admin.")

    def recover_view(self, request, version_id, extra_context=None):
        raise Http404("Deleted objects are not recovered from the admin.")
