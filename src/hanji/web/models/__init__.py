"""Pydantic models of the management API, one module per resource (request bodies, then the views
the API returns and the console renders): the OpenAPI document is built from them."""
