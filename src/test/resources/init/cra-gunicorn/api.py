"""The course project's API: the React client reaches it through its dev server's proxy."""
import json

NOTES = [{"id": 1, "text": "write the frontend"}, {"id": 2, "text": "call the API"}]


def app(environ, start_response):
    if environ["PATH_INFO"] == "/api/notes":
        start_response("200 OK", [("Content-Type", "application/json")])
        return [json.dumps(NOTES).encode()]
    start_response("404 Not Found", [("Content-Type", "application/json")])
    return [b'{"error": "not found"}']
