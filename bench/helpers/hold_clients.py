#!/usr/bin/env python3
"""Opens N idle connections to 127.0.0.1:PORT, each sending one small HTTP request (which a holding
proxy does not read), prints "connected N" and keeps them open until SIGTERM.
Usage: hold_clients.py PORT N"""
import signal
import socket
import sys

port, n = int(sys.argv[1]), int(sys.argv[2])
signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
socks = []
for _ in range(n):
    s = socket.create_connection(("127.0.0.1", port), timeout=10)
    s.sendall(b"GET / HTTP/1.1\r\nHost: bench\r\n\r\n")
    socks.append(s)
print("connected", len(socks), flush=True)
signal.pause()
