from django.forms.renderers import DjangoTemplates


class PleinFormRenderer(DjangoTemplates):
    """Each field in one wrapper with its label, help and errors; checkboxes before their labels."""

    field_template_name = "core/forms/field.html"
