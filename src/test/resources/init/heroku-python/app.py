"""A WSGI app as a Heroku Python project has it: gunicorn serves `app:application` on $PORT."""
import json
import os


def application(environ, start_response):
    if environ["PATH_INFO"] != "/":
        start_response("404 Not Found", [("Content-Type", "text/plain")])
        return [b"not found\n"]
    body = {"greeting": os.environ.get("GREETING", "hello"), "worker": "see the worker's log"}
    start_response("200 OK", [("Content-Type", "application/json")])
    return [json.dumps(body).encode()]
