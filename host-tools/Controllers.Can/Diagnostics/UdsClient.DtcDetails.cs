using System;
using System.Collections.Generic;

namespace Controllers.Can.Diagnostics;

// ReadDTCInformation reports beyond the status lists: fault detection counters, snapshot records and
// extended data records.
public sealed partial class UdsClient
{
    private const byte ReportDtcSnapshotIdentification = 0x03;
    private const byte ReportDtcSnapshotRecordByDtcNumber = 0x04;
    private const byte ReportDtcExtDataRecordByDtcNumber = 0x06;
    private const byte ReportDtcFaultDetectionCounter = 0x14;

    /// <summary>Lists the prefailed DTCs with their fault detection counters (reportDTCFaultDetectionCounter).</summary>
    public IReadOnlyList<DtcFaultDetectionCounter> ReadFaultDetectionCounters()
    {
        byte[] response = SendRequest([0x19, ReportDtcFaultDetectionCounter], 1);
        ExpectEcho(response, 2, 1, ReportDtcFaultDetectionCounter, "report type");
        var records = new List<DtcFaultDetectionCounter>();
        foreach (int position in FourByteRecords(response, 2))
        {
            records.Add(new DtcFaultDetectionCounter(ReadDtc(response, position), (sbyte)response[position + 3]));
        }

        return records;
    }

    /// <summary>Lists the stored snapshot records, DTC and record number (reportDTCSnapshotIdentification).</summary>
    public IReadOnlyList<DtcSnapshotIdentification> ReadSnapshotIdentification()
    {
        byte[] response = SendRequest([0x19, ReportDtcSnapshotIdentification], 1);
        ExpectEcho(response, 2, 1, ReportDtcSnapshotIdentification, "report type");
        var records = new List<DtcSnapshotIdentification>();
        foreach (int position in FourByteRecords(response, 2))
        {
            records.Add(new DtcSnapshotIdentification(ReadDtc(response, position), response[position + 3]));
        }

        return records;
    }

    /// <summary>
    /// Reads snapshot record <paramref name="recordNumber"/> (not 0xFF, so that the response contains at most
    /// one record) of <paramref name="dtc"/> (reportDTCSnapshotRecordByDTCNumber). Returns null when the ECU has no
    /// data stored for that record.
    /// </summary>
    public DtcSnapshotRecord? ReadSnapshotRecord(uint dtc, byte recordNumber)
    {
        CheckDtc(dtc);
        if (recordNumber == 0xFF)
        {
            throw new ArgumentOutOfRangeException(nameof(recordNumber), "Request one snapshot record (0x00 to 0xFE); 0xFF returns records that cannot be split without the ECU's data lengths.");
        }

        byte[] response = SendRequest([0x19, ReportDtcSnapshotRecordByDtcNumber, (byte)(dtc >> 16), (byte)(dtc >> 8), (byte)dtc, recordNumber], 1);
        ExpectEcho(response, 6, 1, ReportDtcSnapshotRecordByDtcNumber, "report type");
        ExpectDtcEcho(response, dtc);
        if (response.Length == 6)
        {
            return null;
        }

        if (response.Length < 8 || response[6] != recordNumber)
        {
            throw Malformed(response, $"it does not start snapshot record 0x{recordNumber:X2} after the DTC and status");
        }

        return new DtcSnapshotRecord(dtc, response[5], recordNumber, response[7], response[8..]);
    }

    /// <summary>
    /// Reads extended data record <paramref name="recordNumber"/> (0x01 to 0xEF, one record) of
    /// <paramref name="dtc"/> and returns its data bytes (reportDTCExtDataRecordByDTCNumber), or null when the
    /// ECU returns requestOutOfRange because it does not keep that record.
    /// </summary>
    public byte[]? ReadExtendedDataRecord(uint dtc, byte recordNumber)
    {
        CheckDtc(dtc);
        if (recordNumber == 0 || recordNumber > 0xEF)
        {
            throw new ArgumentOutOfRangeException(nameof(recordNumber), "Request one extended data record, 0x01 to 0xEF.");
        }

        byte[] response;
        try
        {
            response = SendRequest([0x19, ReportDtcExtDataRecordByDtcNumber, (byte)(dtc >> 16), (byte)(dtc >> 8), (byte)dtc, recordNumber], 1);
        }
        catch (UdsNegativeResponseException error) when (error.ResponseCode == 0x31)
        {
            return null;
        }

        ExpectEcho(response, 6, 1, ReportDtcExtDataRecordByDtcNumber, "report type");
        ExpectDtcEcho(response, dtc);
        if (response.Length == 6)
        {
            return null;
        }

        if (response[6] != recordNumber)
        {
            throw Malformed(response, $"it contains record 0x{response[6]:X2} instead of 0x{recordNumber:X2}");
        }

        return response[7..];
    }

    private static IEnumerable<int> FourByteRecords(byte[] response, int start)
    {
        if ((response.Length - start) % 4 != 0)
        {
            throw Malformed(response, "the DTC records are not a multiple of 4 bytes");
        }

        for (int position = start; position < response.Length; position += 4)
        {
            yield return position;
        }
    }

    private static uint ReadDtc(byte[] response, int position) =>
        (uint)((response[position] << 16) | (response[position + 1] << 8) | response[position + 2]);

    private static void ExpectDtcEcho(byte[] response, uint dtc)
    {
        uint echoed = ReadDtc(response, 2);
        if (echoed != dtc)
        {
            throw Malformed(response, $"it names DTC 0x{echoed:X6} instead of 0x{dtc:X6}");
        }
    }

    private static void CheckDtc(uint dtc)
    {
        if (dtc > 0xFFFFFF)
        {
            throw new ArgumentOutOfRangeException(nameof(dtc), $"DTC 0x{dtc:X} is invalid: a DTC number has 3 bytes (at most 0xFFFFFF).");
        }
    }
}
