"""Forms for the notification screens. Saving goes through services.py."""

from __future__ import annotations

from django import forms

from .models import NotificationSettings


class NotificationSettingsForm(forms.ModelForm):
    class Meta:
        model = NotificationSettings
        fields = ["email_mentions", "email_replies", "email_invitations", "digest"]
        widgets = {"digest": forms.RadioSelect}
