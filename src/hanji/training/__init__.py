"""Training of the models Hanji ships (``hanji train ...``); needs the ``train`` extra (torch)."""
