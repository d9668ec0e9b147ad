"""Where OCR runs: in this process, in a pool of worker processes, or (through the broker adapter)
on Celery workers.
"""
