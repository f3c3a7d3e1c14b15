"""Sent inside result_create's transaction, so a listener's writes commit or fail with the result."""

from django.dispatch import Signal

# Arguments: result (Result), draft (Draft, not yet deleted).
result_created = Signal()
