from django import template

from plein.spaces.models import Space

from .. import selectors

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_notifications(context: template.Context) -> int:
    """The bell's count, up to selectors.UNREAD_COUNTED ("99+"): only notifications about
    content the user may still see; one small query when nothing is unread."""
    user = context["request"].user
    return selectors.unread_count(user) if user.is_authenticated else 0


@register.simple_tag(takes_context=True)
def space_muted(context: template.Context, space: Space) -> bool:
    return selectors.is_space_muted(context["request"].user, space)
