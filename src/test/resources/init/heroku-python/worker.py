"""A background worker: Heroku runs it beside web, and nothing routes requests to it."""
import time

print("worker started", flush=True)
jobs = 0
while True:
    jobs += 1
    print(f"processed job {jobs}", flush=True)
    time.sleep(5)
