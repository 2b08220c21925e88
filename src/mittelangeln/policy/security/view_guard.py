"""Nothing of an object for someone who may not view it.

Zope checks only the permission of what is finally published: a view
registered with ``zope.Public`` (``@@plone_context_state``, ``@@title``,
``@@breadcrumbs_view``) or an accessor method answers for any object the
URL names, whether or not the caller may see that object. Titles here are
personal data (pupils' and employees' names, Aktenzeichen of Personalakten),
so after traversal the content object a view, method or service works on
must be viewable by the caller; otherwise the request is Unauthorized, as if
the object itself had been asked for. The few views that must work on a site
its visitor may not view (signing in, resetting a password) are an explicit
allow-list, valid on the site root only.
"""

from AccessControl import getSecurityManager
from Products.CMFCore.interfaces import IContentish
from Products.CMFCore.interfaces import ISiteRoot
from zExceptions import Unauthorized


# View names that work on objects the caller may not view, and why.
PUBLIC_VIEWS = {
    "login": "the sign-in form, wherever an anonymous visitor was sent to it",
    "login_form": "older name of the sign-in form",
    "require_login": "sends a visitor without access to the sign-in form",
    "insufficient-privileges": "tells a signed-in user that access is refused",
    "mail_password_form": "asking for a password reset needs no access",
    "mail_password": "sends the reset link",
    "passwordreset": "the reset link's page",
    "pwreset_finish": "sets the new password",
    "login-help": "help to sign in",
    "logout": "signing out",
    "logged_out": "the page after signing out",
}


def content_context(request):
    """(index in PARENTS, content object) the published thing works on."""
    for index, parent in enumerate(request.get("PARENTS") or ()):
        if IContentish.providedBy(parent) or ISiteRoot.providedBy(parent):
            return index, parent
    return None, None


def view_name(request, index):
    """The traversal step right after the content object ("@@title" -> "title")."""
    steps = request.steps
    position = len(steps) - 1 - index
    name = steps[position] if 0 <= position < len(steps) else ""
    return name.removeprefix("@@")


def refuse_views_of_invisible_objects(event):
    request = event.request
    index, context = content_context(request)
    if context is None or index == 0 and request.get("PUBLISHED") is context:
        return  # the object itself: Zope has checked its View permission
    if getSecurityManager().checkPermission("View", context):
        return
    if ISiteRoot.providedBy(context) and view_name(request, index) in PUBLIC_VIEWS:
        return  # on the site only: on an item, their page would show its title
    raise Unauthorized("You may not view this object.")
