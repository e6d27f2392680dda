"""Load a DBC file with canmatrix and print its messages and signals as JSON.

The interop tests compare this output with the C# parser's model. Usage:
    python3 canmatrix_dump.py FILE.dbc
"""

import contextlib
import json
import sys

import canmatrix.formats


def dbc_start_bit(signal):
    """Return the start bit as the DBC file writes it.

    canmatrix (checked with 0.9.5, Debian python3-canmatrix 0.9.5~github-3)
    stores a Motorola signal's start bit as the MSB position in MSB0
    numbering (bit 7 of byte 0 is 0). get_startbit(bit_numbering=1) converts it
    back to the DBC's LSB0 sawtooth numbering, in which the start bit is the MSB.
    Intel start bits are the LSB in both conventions and pass through unchanged.
    """
    return signal.get_startbit(bit_numbering=1, start_little=False)


def number(value):
    return None if value is None else float(value)


def dump_signal(signal):
    return {
        "name": signal.name,
        "startBit": dbc_start_bit(signal),
        "canmatrixStartBit": int(signal.start_bit),
        "length": int(signal.size),
        "intel": bool(signal.is_little_endian),
        "signed": bool(signal.is_signed),
        "float": bool(signal.is_float),
        "factor": number(signal.factor),
        "offset": number(signal.offset),
        "min": number(signal.min),
        "max": number(signal.max),
        "unit": signal.unit,
        "receivers": list(signal.receivers),
        "comment": signal.comment,
        "isMultiplexer": bool(signal.is_multiplexer),
        "multiplexerValue": signal.mux_val,
        "multiplexerSwitch": signal.muxer_for_signal,
        "multiplexerRanges": [[int(low), int(high)] for low, high in signal.mux_val_grp],
        "values": {str(int(key)): text for key, text in signal.values.items()},
    }


def dump_frame(frame):
    return {
        "id": frame.arbitration_id.id,
        "extended": bool(frame.arbitration_id.extended),
        "name": frame.name,
        "dlc": int(frame.size),
        "transmitters": list(frame.transmitters),
        "cycleTime": int(frame.cycle_time),
        "comment": frame.comment,
        "signals": [dump_signal(signal) for signal in frame.signals],
    }


def main():
    path = sys.argv[1]

    # canmatrix prints lines it cannot parse to stdout, which would corrupt the JSON.
    with contextlib.redirect_stdout(sys.stderr):
        matrix = canmatrix.formats.loadp_flat(path)

    result = {
        "nodes": [ecu.name for ecu in matrix.ecus],
        "valueTables": {
            name: {str(int(key)): text for key, text in table.items()}
            for name, table in matrix.value_tables.items()
        },
        "messages": [dump_frame(frame) for frame in matrix.frames],
    }
    json.dump(result, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
