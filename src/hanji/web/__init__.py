"""The typed web layer the JSON API and the console share: request dependencies, body models,
errors and middleware.
"""
