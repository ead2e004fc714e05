#!/usr/bin/env python3
"""Runs a command, passes its output through, then prints its peak resident
memory as the last line (“NN MB peak”)."""
import resource
import subprocess
import sys

status = subprocess.call(sys.argv[1:])
peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(f"{peak_kb // 1024} MB peak")
sys.exit(status)
