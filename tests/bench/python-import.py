#!/usr/bin/env python3
"""What a Python QDA tool does to import text files: read, decode, normalise
line ends, one SQLite row per document (text, name, a hash for duplicates)."""
import hashlib
import os
import sqlite3
import sys

db = sqlite3.connect(sys.argv[1])
db.execute("CREATE TABLE IF NOT EXISTS source (id INTEGER PRIMARY KEY, name TEXT, fulltext TEXT, sha TEXT)")
folder = sys.argv[2]
for name in sorted(os.listdir(folder)):
    with open(os.path.join(folder, name), "rb") as fh:
        raw = fh.read()
    text = raw.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")
    db.execute("INSERT INTO source (name, fulltext, sha) VALUES (?, ?, ?)",
               (name, text, hashlib.sha256(raw).hexdigest()))
    db.commit()
db.close()
