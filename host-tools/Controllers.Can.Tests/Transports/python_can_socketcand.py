"""Connect to a socketcand server with python-can, receive frames and send one back.

Usage: python_can_socketcand.py PORT COUNT
Prints "ready" once the bus is open, one JSON object per received frame, then sends
0x321 with data 01 02 03 and prints "sent". Exits 2 when a frame does not arrive within 10 s.
"""
import json
import sys

import can


def main():
    port = int(sys.argv[1])
    count = int(sys.argv[2])
    bus = can.Bus(interface="socketcand", host="127.0.0.1", port=port, channel="can0")
    try:
        print("ready", flush=True)
        for _ in range(count):
            message = bus.recv(timeout=10.0)
            if message is None:
                print("timed out waiting for a frame", file=sys.stderr, flush=True)
                return 2
            print(json.dumps({"id": message.arbitration_id, "data": message.data.hex(), "timestamp": message.timestamp}), flush=True)
        bus.send(can.Message(arbitration_id=0x321, data=[1, 2, 3], is_extended_id=False))
        print("sent", flush=True)
        # Keep the connection open until the test closes standard input, so the server reads the send request first.
        sys.stdin.readline()
    finally:
        bus.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
