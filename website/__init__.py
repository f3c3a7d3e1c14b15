"""The site as a whole, above every other app: the home page, robots.txt and error pages, the
editorial policy, checking and loading all content (`manage.py content`), and `manage.py purge`."""
