"""Searches that found nothing, and the writing tasks they lead to (issue 16: editors steer).

A search without results is recorded after the response, as a term, a day and a token that
tells people apart without saying who they are (models.SearchMiss); the adoption dashboard shows
the terms that enough different people searched for ("searched but not found"), and an editor
turns one into a writing task (models.SearchTask), done once the content exists. The models are
the search app's; the recording, the reads, the jobs and the tasks page are here."""
