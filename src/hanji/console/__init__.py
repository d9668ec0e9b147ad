"""The web console: server-rendered pages with small ES modules, each page backed by the JSON API."""
