"""Counting a post's comments, reactions and files again from the rows themselves.

The services keep the counters on the post as they go (posts/services.py); this is for content
written in bulk (the demo, benchmarks, test factories) and as a repair.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db import connection, transaction

COUNTER_BATCH = 500


def post_counters_refresh(*, post_ids: Sequence[int] | None = None) -> None:
    """Count comments, reactions and files again from the rows themselves: for content written
    in bulk (the demo, benchmarks) and as a repair. One statement, on the database."""
    vendor = connection.vendor
    reactions_by_kind = (
        "SELECT COALESCE(jsonb_object_agg(kind, n), '{}'::jsonb) FROM (SELECT kind, COUNT(*) n "
        "FROM posts_reaction r WHERE r.post_id = posts_post.id GROUP BY kind) k"
        if vendor == "postgresql"
        else "SELECT COALESCE(json_group_object(kind, n), '{}') FROM (SELECT kind, COUNT(*) n "
        "FROM posts_reaction r WHERE r.post_id = posts_post.id GROUP BY kind)"
    )
    # Only constant SQL is put together here; the post ids go in as parameters.
    sql = (
        "UPDATE posts_post SET "  # noqa: S608
        "comment_count = (SELECT COUNT(*) FROM posts_comment c "
        "WHERE c.post_id = posts_post.id AND c.deleted_at IS NULL), "
        "reaction_count = (SELECT COUNT(*) FROM posts_reaction r "
        "WHERE r.post_id = posts_post.id), "
        f"reaction_counts = ({reactions_by_kind}), "
        "image_count = (SELECT COUNT(*) FROM posts_postimage i WHERE i.post_id = posts_post.id), "
        "attachment_count = (SELECT COUNT(*) FROM posts_attachment a "
        "WHERE a.post_id = posts_post.id)"
    )
    with transaction.atomic(), connection.cursor() as cursor:
        if post_ids is None:
            cursor.execute(sql)
            return
        ids = list(post_ids)
        for start in range(0, len(ids), COUNTER_BATCH):
            batch = ids[start : start + COUNTER_BATCH]
            cursor.execute(f"{sql} WHERE id IN ({', '.join(['%s'] * len(batch))})", batch)
