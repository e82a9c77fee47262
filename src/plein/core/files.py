from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404


def stored_image_response(file: FieldFile, *, content_type: str, public: bool) -> FileResponse:
    """Serve an image Plein itself wrote (so its type is known) after the caller checked access."""
    if not file or not file.name:
        raise Http404
    try:
        handle = file.storage.open(file.name, "rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(handle, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = f"{'public' if public else 'private'}, max-age=86400"
    return response
