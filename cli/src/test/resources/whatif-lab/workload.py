#!/usr/bin/env python3
"""Fixed what-if workload for the real-kernel lab (whatif-lab.sh): servers, a paced client, samplers.

  workload.py server                      UDP echo :7000, TCP echo :7001 (the server namespace)
  workload.py client SPEC OUTDIR ROUTER_NS  waves of flows; SPEC is wave offsets and the snapshot time,
                                          e.g. "waves=0,3,6 snap=7.5 streams=1" (the client namespace)
  workload.py sampler reap|count OUT DONE [DUMPS]  every 0.1 s: line count of /proc/net/nf_conntrack (a
                                          reaping read) or nf_conntrack_count (not reaping); stops once DONE
                                          exists and the table has been empty for 0.3 s (the router); with
                                          DUMPS (reap only), every 10th read is also kept there as a dump
                                          file, written right after the read (its mtime is its time)
Traffic only goes to the server's own address. Every flow has its own fixed source port or ICMP id
(flow_id): with ephemeral ports, a socket of one wave now and then drew the port of an earlier wave's flow
whose entry was still in the table, so the kernel saw one entry where the other run saw two (CI: a run
measured 104 against the band [103, 103] projected from a run with such a reuse, and 149 against
[150, 150]); the two runs of the lab are then not one workload.
"""
import os
import socket
import subprocess
import sys
import threading
import time

SERVER = "172.21.79.2"
UDP_ECHO, TCP_ECHO, UDP_DROP, TCP_DROP = 7000, 7001, 7002, 7003
PER_WAVE = {"udp": 20, "udp_unreplied": 8, "tcp": 10, "syn": 4, "stream": 4, "long_stream": 2, "ping": 4}
# client source ports (and ICMP ids) of wave w's job j: below the ephemeral range (32768-60999)
FIRST_PORT, PORTS_PER_WAVE = 20000, 100


def flow_id(wave_index, job):
    return FIRST_PORT + wave_index * PORTS_PER_WAVE + job


def bound(kind, sport):
    s = socket.socket(socket.AF_INET, kind)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("0.0.0.0", sport))
    return s


def server():
    def udp():
        s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        s.bind(("0.0.0.0", UDP_ECHO))
        while True:
            data, peer = s.recvfrom(2048)
            s.sendto(data, peer)

    def tcp_conn(c):
        with c:
            data = c.recv(2048)
            if data:
                c.sendall(data)
            c.recv(2048)  # wait for the client's FIN, so the client closes first

    def tcp():
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind(("0.0.0.0", TCP_ECHO))
        s.listen(512)
        while True:
            c, _ = s.accept()
            threading.Thread(target=tcp_conn, args=(c,), daemon=True).start()

    threading.Thread(target=udp, daemon=True).start()
    tcp()


def exchange(s, payload, port=UDP_ECHO, reply=True):
    """One datagram, and its echo unless none comes (or none is expected)."""
    s.sendto(payload, (SERVER, port))
    if reply:
        try:
            s.recvfrom(64)
        except socket.timeout:
            pass


def udp_request(sport, port, reply):
    s = bound(socket.SOCK_DGRAM, sport)
    s.settimeout(1.0)
    exchange(s, b"q", port, reply)
    s.close()


def tcp_short(sport):
    s = bound(socket.SOCK_STREAM, sport)
    s.settimeout(2)
    s.connect((SERVER, TCP_ECHO))
    s.sendall(b"hello")
    s.recv(64)
    s.close()


def syn_only(sport):
    s = bound(socket.SOCK_STREAM, sport)
    s.setblocking(False)
    try:
        s.connect((SERVER, TCP_DROP))
    except BlockingIOError:
        pass
    time.sleep(0.2)  # one SYN; closing a connecting socket sends nothing more
    s.close()


def stream(sport):
    s = bound(socket.SOCK_DGRAM, sport)
    s.settimeout(1.0)
    for k in range(4):
        exchange(s, b"s")
        if k < 3:
            time.sleep(0.9)  # the 4th packet (2.7 s) is the first over 2 s old: it goes stream
    s.close()


def long_stream(sport):
    """A packet every 0.5 s for 7 s: ASSURED at the first over 2 s old, then refreshed without events.

    7 s, not less: a dump bounds the last packet only to within 2 s (Projection.DUMP_SLACK_MICROS, and the
    seconds left are whole), and the band's series points are whole seconds; with 4.5 s of silent refreshes
    the dumps' evidence reaches at least 2.5 s past the ASSURED event, so it always spans a series point
    (with 2.5 s it spanned 0.5-1.5 s and missed every point now and then)."""
    s = bound(socket.SOCK_DGRAM, sport)
    s.settimeout(0.4)
    start = time.monotonic()
    for k in range(15):
        delay = start + 0.5 * k - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        exchange(s, b"l")
    s.close()


def ping(ident):
    subprocess.run(["ping", "-c", "1", "-W", "1", "-q", "-e", str(ident), SERVER], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def wave(index, streams):
    kinds = [lambda p: udp_request(p, UDP_ECHO, True)] * PER_WAVE["udp"]
    kinds += [lambda p: udp_request(p, UDP_DROP, False)] * PER_WAVE["udp_unreplied"]
    kinds += [tcp_short] * PER_WAVE["tcp"] + [syn_only] * PER_WAVE["syn"] + [ping] * PER_WAVE["ping"]
    if streams:
        kinds += [stream] * PER_WAVE["stream"] + [long_stream] * PER_WAVE["long_stream"]
    threads = [threading.Thread(target=k, args=(flow_id(index, j),)) for j, k in enumerate(kinds)]
    for t in threads:
        t.start()
    return threads


def client(spec, outdir, router):
    opts = dict(kv.split("=") for kv in spec.split())
    waves = [float(w) for w in opts["waves"].split(",")]
    snap = float(opts.get("snap", "-1"))
    streams = opts.get("streams", "1") == "1"
    t0 = time.monotonic()
    with open(os.path.join(outdir, "t0"), "w") as f:
        f.write("%.6f\n" % time.time())
    threads = []
    events = sorted([(w, "wave", i) for i, w in enumerate(waves)] + ([(snap, "snap", -1)] if snap >= 0 else []))
    for at, what, index in events:
        delay = t0 + at - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        if what == "wave":
            threads += wave(index, streams)
        else:
            out = subprocess.run(["ip", "netns", "exec", router, "cat", "/proc/net/nf_conntrack"],
                                 capture_output=True, check=True).stdout
            taken = time.time()  # after the read: the exec before it is the slow part
            with open(os.path.join(outdir, "snap.txt"), "wb") as f:
                f.write(out)
            with open(os.path.join(outdir, "snap.at"), "w") as f:
                f.write("%.6f\n" % taken)
    for t in threads:
        t.join()


def sampler(mode, out, done, dumps=None):
    start = time.monotonic()
    empty_since = None
    reads = 0
    with open(out, "w") as f:
        while time.monotonic() - start < 150:
            now = time.time()
            if mode == "reap":
                with open("/proc/net/nf_conntrack", "rb") as t:
                    table = t.read()
                n = table.count(b"\n")
                if dumps and reads % 10 == 0 and n > 0:
                    with open(os.path.join(dumps, "dump-%04d.txt" % reads), "wb") as d:
                        d.write(table)
                reads += 1
            else:
                with open("/proc/sys/net/netfilter/nf_conntrack_count") as t:
                    n = int(t.read())
            f.write("%.6f %d\n" % (now, n))
            f.flush()
            if n == 0 and os.path.exists(done):
                empty_since = empty_since or time.monotonic()
                if time.monotonic() - empty_since >= 0.3:
                    return
            else:
                empty_since = None
            time.sleep(0.1)


if __name__ == "__main__":
    cmd = sys.argv[1]
    if cmd == "server":
        server()
    elif cmd == "client":
        client(sys.argv[2], sys.argv[3], sys.argv[4])
    elif cmd == "sampler":
        sampler(sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5] if len(sys.argv) > 5 else None)
    else:
        sys.exit("unknown command " + cmd)
