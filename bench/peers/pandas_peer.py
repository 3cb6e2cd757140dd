"""pandas peer of the bench's big-CSV section: times pandas.read_csv on the file the harness wrote.

Usage: /usr/bin/python3 bench/peers/pandas_peer.py FILE REPEATS
Prints one JSON object: pandas version, the wall seconds of each read (the first is the cold one),
the rows and columns read, and this process's peak RSS in MiB (getrusage's ru_maxrss, KiB on Linux).
Needs Debian's python3-pandas; never a dependency of the project.
"""
import json
import resource
import sys
import time

import pandas


def main():
    path, repeats = sys.argv[1], int(sys.argv[2])
    seconds = []
    shape = None
    for _ in range(repeats):
        start = time.perf_counter()
        frame = pandas.read_csv(path)
        seconds.append(time.perf_counter() - start)
        shape = frame.shape
        del frame
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    print(json.dumps({"pandas": pandas.__version__, "seconds": seconds, "rows": shape[0], "columns": shape[1],
                      "peak_rss_mib": peak}))


if __name__ == "__main__":
    main()
