"""Read or write CAN logs with python-can so the C# tests can compare against an independent implementation.

Usage:
    python_can_logs.py read candump|asc PATH    prints the frames as a JSON list
    python_can_logs.py write candump|asc PATH   writes the JSON list of frames read from stdin

A frame is an object with timestamp (string, seconds), channel, id, extended, remote, error, dlc,
data (hex string) and rx. Written frames take the same fields, with channel as a string for candump
and a 0-based number for ASC, because python-can's ASCWriter adds 1 to it.
"""

import json
import sys

import can


def frame_to_json(message):
    channel = message.channel
    return {
        "timestamp": repr(message.timestamp),
        "channel": None if channel is None else str(channel),
        "id": message.arbitration_id,
        "extended": message.is_extended_id,
        "remote": message.is_remote_frame,
        "error": message.is_error_frame,
        "dlc": message.dlc,
        "data": bytes(message.data or b"").hex().upper(),
        "rx": message.is_rx,
    }


def json_to_message(frame, kind):
    channel = frame["channel"]
    if kind == "asc":
        channel = int(channel)
    return can.Message(
        timestamp=float(frame["timestamp"]),
        channel=channel,
        arbitration_id=frame["id"],
        is_extended_id=frame["extended"],
        is_remote_frame=frame["remote"],
        is_error_frame=frame["error"],
        dlc=frame["dlc"],
        data=None if frame["remote"] else bytes.fromhex(frame["data"]),
        is_rx=frame["rx"],
    )


def read(kind, path):
    if kind == "candump":
        reader = can.CanutilsLogReader(path)
    else:
        reader = can.ASCReader(path, relative_timestamp=True)
    frames = [frame_to_json(message) for message in reader]
    json.dump(frames, sys.stdout)


def write(kind, path):
    frames = json.load(sys.stdin)
    if kind == "candump":
        writer = can.CanutilsLogWriter(path)
    else:
        writer = can.ASCWriter(path)
    for frame in frames:
        writer.on_message_received(json_to_message(frame, kind))
    writer.stop()


def main(arguments):
    if len(arguments) != 3 or arguments[0] not in ("read", "write") or arguments[1] not in ("candump", "asc"):
        sys.stderr.write(__doc__)
        return 2
    action, kind, path = arguments
    if action == "read":
        read(kind, path)
    else:
        write(kind, path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
