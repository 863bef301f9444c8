"""The controller's steady-state resyncs, measured from outside (bench/terraform/run.sh).

    resync.py MOTO_LOG RESYNCS OUT -- COMMAND...

Starts COMMAND (`reconciler run --watch DIR --resync P`), samples every 0.1 s the requests moto_server has answered
(lines of its log, counted as run.sh counts them for every phase) and the controller's CPU time (utime + stime from
/proc/PID/stat), and splits the requests into bursts: a burst ends after 5 s without a request. A burst of 5 or more
requests is a pass (the first one the start-up pass, then one per resync); smaller ones are stray requests between
passes. After the start-up pass and RESYNCS resyncs the controller is stopped (SIGTERM) and OUT gets one line per
burst ("burst calls wall_s cpu_s pass|stray"), then
    steady CALLS_PER_RESYNC WALL_PER_RESYNC CPU_PER_RESYNC
over the window from the end of the start-up pass to the end of the last resync (every request and every CPU second
in it, strays and idle time included, divided by RESYNCS; the wall is the mean span of the resync passes, from the
sample before a pass's first request to the sample of its last), then "peak_mb N" (VmHWM over the whole run).
"""
import os
import signal
import subprocess
import sys
import time

GAP = 5.0
STEP = 0.1
PASS = 5


def main() -> int:
    log, resyncs, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    command = sys.argv[sys.argv.index("--") + 1:]
    ticks = os.sysconf("SC_CLK_TCK")
    reader = open(log, "rb")
    reader.seek(0, os.SEEK_END)

    def new_requests() -> int:
        return sum(1 for line in reader.readlines() if b'HTTP/1.1"' in line)

    proc = subprocess.Popen(command, stdout=sys.stdout, stderr=sys.stderr)

    def cpu() -> float:
        with open(f"/proc/{proc.pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / ticks

    bursts = []  # (calls, t_before, t_last, cpu_before, cpu_end, kind)
    current = None
    previous_t, previous_cpu = time.monotonic(), cpu()
    deadline = time.monotonic() + 3600
    passes = 0
    while passes < resyncs + 1 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(STEP)
        now, used, count = time.monotonic(), cpu(), new_requests()
        if count:
            if current is None:
                current = [0, previous_t, now, previous_cpu]
            current[0] += count
            current[2] = now
        elif current is not None and now - current[2] >= GAP:
            kind = "pass" if current[0] >= PASS else "stray"
            passes += kind == "pass"
            bursts.append((current[0], current[1], current[2], current[3], used, kind))
            print(f"resync.py: {kind} {len(bursts)}: {current[0]} calls, {current[2] - current[1]:.2f} s, "
                  f"{used - current[3]:.2f} s CPU", file=sys.stderr, flush=True)
            current = None
        previous_t, previous_cpu = now, used
    peak = 0
    if proc.poll() is None:
        with open(f"/proc/{proc.pid}/status") as f:
            peak = next(int(l.split()[1]) for l in f if l.startswith("VmHWM:")) // 1024
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()
    with open(out, "w") as f:
        for i, (calls, t0, t1, c0, c1, kind) in enumerate(bursts, 1):
            f.write(f"{i} {calls} {t1 - t0:.2f} {c1 - c0:.2f} {kind}\n")
        if passes == resyncs + 1:
            first = next(i for i, b in enumerate(bursts) if b[5] == "pass")
            window = bursts[first + 1:]
            calls = sum(b[0] for b in window)
            cpu_used = window[-1][4] - bursts[first][4]
            walls = [b[2] - b[1] for b in window if b[5] == "pass"]
            f.write(f"steady {calls / resyncs:.1f} {sum(walls) / len(walls):.2f} {cpu_used / resyncs:.2f}\n")
        f.write(f"peak_mb {peak}\n")
    return 0 if passes == resyncs + 1 else 1


if __name__ == "__main__":
    sys.exit(main())
