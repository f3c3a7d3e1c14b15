"""Support services by region: the directory (content/support/resources.yaml), the support block
every safety page shows, and the support page. Below the wiki and the test, which both show it."""
