"""Managing what the service offers: domains, their gateway (invoke URLs, secret keys, gateway
configuration), operators, templates and the audit trail.
"""
