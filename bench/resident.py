#!/usr/bin/env python3
"""Prints, in MiB, the resident memory of a group of processes taken as one: every physical page
mapped by any of them counted once, however many of them map it.

Summed RSS counts a page once per process that maps it (libjvm, the JDK's class archive, PostgreSQL's
shared buffers), PSS divides it among them and so also counts the share of processes outside the
group. This reads the page frame numbers from /proc/PID/pagemap instead, which needs root (without
CAP_SYS_ADMIN the kernel gives zeros for them, and the script refuses rather than print a wrong
figure).

Usage: resident.py PID...
"""
import struct
import sys

PAGE = 4096
PRESENT = 1 << 63
FRAME = (1 << 55) - 1


def frames(pid):
    """Physical frames of the pages of PID that are in memory; empty if it is gone."""
    found = set()
    try:
        with open(f"/proc/{pid}/maps") as maps, open(f"/proc/{pid}/pagemap", "rb") as pagemap:
            for line in maps:
                if line.rstrip().endswith("[vsyscall]"):
                    continue  # above the user address range; pagemap has no entries for it
                low, high = (int(x, 16) for x in line.split(None, 1)[0].split("-"))
                pagemap.seek(low // PAGE * 8)
                for (entry,) in struct.iter_unpack("<Q", pagemap.read((high - low) // PAGE * 8)):
                    if entry & PRESENT:
                        found.add(entry & FRAME)
    except (FileNotFoundError, ProcessLookupError):
        pass
    return found


def main(pids):
    resident = set()
    for pid in pids:
        resident |= frames(pid)
    if resident and resident <= {0}:
        sys.exit("resident.py: page frame numbers read as zero; run as root")
    print("%.0f" % (len(resident) * PAGE / 1024 / 1024))


if __name__ == "__main__":
    main(sys.argv[1:])
