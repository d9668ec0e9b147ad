"""The Celery client side: the app's configuration and queues, and the executor and job runner that
send tasks to ``hanji worker``s.
"""
