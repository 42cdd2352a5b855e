"""The document queue (rq on Redis), the quote store and the speaker index."""
