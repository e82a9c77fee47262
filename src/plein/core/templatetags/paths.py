"""{% path %}: {% url %} for addresses with positional arguments, through plein.core.paths (the
shape of each address reversed once per process), for the addresses every page prints (the
navigation) and those printed per item."""

from django import template

from plein.core.paths import path

register = template.Library()


@register.simple_tag(name="path")
def path_tag(name: str, *args: object) -> str:
    """{% path 'posts:react' post.pk %}: the same address as {% url 'posts:react' post.pk %}."""
    return path(name, *args)
