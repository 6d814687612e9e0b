#!/usr/bin/env python3
"""Counts the IPVS operations in a capture of netlink traffic (tcpdump -i nlmon0 -w FILE).

Usage: netlink_ops.py PCAP FAMILY_ID [SINCE_EPOCH_SECONDS]
Prints one line: ops=N first=T last=T cmds=NAME:COUNT,...  (T: epoch seconds of the first and last
IPVS request that changes the table, after SINCE if given). Requests are the messages a process sends
to the kernel (NLM_F_REQUEST) of the IPVS generic-netlink family; reads (GET_* and dumps) are left out.
"""
import struct
import sys

NLM_F_REQUEST = 0x1
CHANGES = {1: "NEW_SERVICE", 2: "SET_SERVICE", 3: "DEL_SERVICE", 5: "NEW_DEST", 6: "SET_DEST",
           7: "DEL_DEST", 9: "NEW_DAEMON", 10: "DEL_DAEMON", 12: "SET_CONFIG", 16: "ZERO", 17: "FLUSH"}
LINK_OFFSET = {253: 16, 113: 16, 276: 20}  # DLT_NETLINK (a 16-byte pseudo-header first), Linux cooked v1, v2


def packets(path):
    with open(path, "rb") as f:
        header = f.read(24)
        magic = struct.unpack("<I", header[:4])[0]
        if magic in (0xA1B2C3D4, 0xA1B23C4D):
            endian = "<"
        else:
            endian = ">"
            magic = struct.unpack(">I", header[:4])[0]
        scale = 1e-9 if magic == 0xA1B23C4D else 1e-6
        linktype = struct.unpack(endian + "I", header[20:24])[0] & 0xFFFF
        if linktype not in LINK_OFFSET:
            sys.exit("netlink_ops: link type %d is not netlink" % linktype)
        skip = LINK_OFFSET[linktype]
        while True:
            rec = f.read(16)
            if len(rec) < 16:
                return
            sec, frac, incl, _ = struct.unpack(endian + "IIII", rec)
            data = f.read(incl)
            yield sec + frac * scale, data[skip:]


def main():
    path, family = sys.argv[1], int(sys.argv[2], 0)
    since = float(sys.argv[3]) if len(sys.argv) > 3 else 0.0
    counts, first, last = {}, None, None
    for ts, data in packets(path):
        if ts < since:
            continue
        at = 0
        while at + 20 <= len(data):
            length, kind, flags = struct.unpack_from("=IHH", data, at)
            if length < 16:
                break
            if kind == family and flags & NLM_F_REQUEST and data[at + 16] in CHANGES:
                name = CHANGES[data[at + 16]]
                counts[name] = counts.get(name, 0) + 1
                first = ts if first is None else first
                last = ts
            at += (length + 3) & ~3
    total = sum(counts.values())
    cmds = ",".join("%s:%d" % kv for kv in sorted(counts.items())) or "-"
    print("ops=%d first=%s last=%s cmds=%s" % (total, "%.6f" % first if first else "-", "%.6f" % last if last else "-", cmds))


if __name__ == "__main__":
    main()
