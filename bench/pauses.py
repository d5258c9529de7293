#!/usr/bin/env python3
"""What paused during one measured imaptest run, for bench/run.sh's page.

    pauses.py FROM_MS TO_MS GC_DIR LATENCY_FILE

FROM_MS and TO_MS bound the run (Unix milliseconds). GC_DIR holds one log per JVM of ours, written with
-Xlog:gc:file=GC_DIR/%p.log:timemillis (lines "[1796570057874ms] GC(12) Pause Full (...) ... 58.820ms").
LATENCY_FILE is imaptest's latency= output with bench/imaptest-latency.patch ("NAME<TAB>usecs<TAB>end ms").

Prints Markdown list items: the collector pauses of 20 ms or more in the run, per JVM (named from its
command line while it still runs); and the three seconds of the run in which the slowest writing command
(APPEND, COPY, STORE, EXPUNGE) took longest, with the three longest pauses in that second or the one before it. A stall that
hits every command at once points at something all of them wait on; one that lines up with a pause
names it.
"""
import os
import re
import sys

# the cause may hold parentheses itself: "Pause Full (System.gc()) 25M->20M(42M) 66.429ms"
PAUSE = re.compile(r"^\[(\d+)ms\].* (Pause \w+ \(.+?\)) \d+[KMG]->.* ([0-9.]+)ms$")
WRITING = {"APPEND", "COPY", "STORE", "EXPUNGE"}
NAMES = re.compile(r"[a-z0-9]+-service|kafka\.Kafka|mailctl")


def jvm_name(pid):
    try:
        with open("/proc/%s/cmdline" % pid, "rb") as f:
            found = NAMES.search(f.read().replace(b"\0", b" ").decode("utf-8", "replace"))
        return found.group(0).replace("kafka.Kafka", "Kafka") if found else "pid " + pid
    except OSError:
        return "pid " + pid


def pauses(gc_dir, start, end):
    """(name, end ms, pause ms, kind) for every pause of 20 ms or more that ended in [start, end]."""
    found = []
    for log in sorted(os.listdir(gc_dir)):
        name = jvm_name(log.split(".")[0])
        with open(os.path.join(gc_dir, log), errors="replace") as f:
            for line in f:
                m = PAUSE.match(line.strip())
                if m and start <= int(m.group(1)) <= end and float(m.group(3)) >= 20:
                    found.append((name, int(m.group(1)), float(m.group(3)), m.group(2)))
    return found


def slowest_seconds(latency_file, start):
    """{second of the run: (slowest writing command ms, its name)}"""
    by_second = {}
    with open(latency_file) as f:
        for line in f:
            fields = line.rstrip("\n").split("\t")
            if len(fields) < 3 or fields[0] not in WRITING:
                continue
            second = (int(fields[2]) - start) // 1000
            ms = int(fields[1]) / 1000
            if ms > by_second.get(second, (0, ""))[0]:
                by_second[second] = (ms, fields[0])
    return by_second


def main(start, end, gc_dir, latency_file):
    start, end = int(start), int(end)
    found = pauses(gc_dir, start, end)
    per_jvm = {}
    for name, _, ms, _ in found:
        count, total, longest = per_jvm.get(name, (0, 0.0, 0.0))
        per_jvm[name] = (count + 1, total + ms, max(longest, ms))
    if per_jvm:
        print("- collector pauses of 20 ms or more: " + "; ".join(
            "%s %d (%.0f ms in all, longest %.0f ms)" % (name, c, t, m) for name, (c, t, m) in sorted(per_jvm.items())))
    else:
        print("- no collector pause of 20 ms or more in any of our JVMs")
    seconds = slowest_seconds(latency_file, start)
    for second, (ms, command) in sorted(seconds.items(), key=lambda kv: -kv[1][0])[:3]:
        # a command that ended in this second may have waited since the second before
        near = [p for p in found if start + (second - 1) * 1000 <= p[1] < start + (second + 1) * 1000]
        longest = sorted(near, key=lambda p: -p[2])[:3]
        what = ", ".join("%s %s %.0f ms at %.1f s" % (n, kind, p, (t - start) / 1000) for n, t, p, kind in longest)
        if len(near) > len(longest):
            what += " and %d shorter" % (len(near) - len(longest))
        print("- second %d: slowest writing command %s %.0f ms; pauses then: %s" % (second, command, ms, what or "none"))


if __name__ == "__main__":
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    main(*sys.argv[1:])
