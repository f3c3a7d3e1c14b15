"""Sent inside `content_apply`'s transaction, so a listener's writes commit or fail with the content.

Arguments: site (SiteContent, as loaded), changed (bool: whether any document changed). The
search app rebuilds its index here; the wiki itself knows nothing of search.
"""

from django.dispatch import Signal

content_applied = Signal()
