def messages_of(response) -> list[str]:  # type: ignore[no-untyped-def]
    """The django.contrib.messages texts a rendered response showed."""
    return [str(message) for message in response.context["messages"]]
