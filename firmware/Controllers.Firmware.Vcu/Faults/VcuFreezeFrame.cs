using System;
using Controllers.Firmware.Common.Diagnostics;
using Controllers.Firmware.Common.Numerics;
using Controllers.Firmware.Vcu.Inputs;
using Controllers.Firmware.Vcu.Monitoring;

namespace Controllers.Firmware.Vcu.Faults
{
    /// <summary>
    /// Freeze frame of the VCU DTCs: six data identifiers (this project's assignment, in the
    /// vehicle-manufacturer-specific range of ISO 14229-1) read when a DTC fails. Values are big endian,
    /// scaled to integers, and saturate at the ends of their range.
    /// </summary>
    public sealed class VcuFreezeFrame : IDtcSnapshotSource
    {
        /// <summary>Vehicle speed: 2 bytes unsigned, 0.1 km/h, from the motor speed.</summary>
        public const int VehicleSpeedIdentifier = 0xD100;

        /// <summary>Motor speed: 2 bytes signed, 1 rpm.</summary>
        public const int MotorSpeedIdentifier = 0xD101;

        /// <summary>Torque command after the monitor: 2 bytes signed, 0.1 N·m.</summary>
        public const int TorqueCommandIdentifier = 0xD102;

        /// <summary>12 V supply: 2 bytes unsigned, 1 mV.</summary>
        public const int SupplyIdentifier = 0xD103;

        /// <summary>Pack SOC: 1 byte, 0.5 %.</summary>
        public const int PackSocIdentifier = 0xD104;

        /// <summary>DC-link voltage: 2 bytes unsigned, 0.1 V.</summary>
        public const int DcLinkVoltageIdentifier = 0xD105;

        private static readonly int[] Identifiers =
        {
            VehicleSpeedIdentifier, MotorSpeedIdentifier, TorqueCommandIdentifier, SupplyIdentifier, PackSocIdentifier, DcLinkVoltageIdentifier,
        };

        private static readonly int[] Lengths = { 2, 2, 2, 2, 1, 2 };

        // rad/s to rpm: 60 / (2 pi).
        private const float RpmPerRadianPerSecond = 9.5492966f;

        private readonly VehicleSignals signals;
        private readonly IVcuInputHardware hardware;
        private readonly FaultReactionSettings settings;
        private readonly TorqueMonitorTask? torque;

        /// <summary>
        /// Creates the freeze frame source and sets it as <paramref name="dtcs"/>' snapshot layout, keeping the
        /// first and the latest failure. The torque command comes from <paramref name="torque"/>; while it is
        /// null the frame records 0 N·m.
        /// </summary>
        public VcuFreezeFrame(VehicleSignals signals, IVcuInputHardware hardware, TorqueMonitorTask? torque, FaultReactionSettings settings, DtcMemory dtcs)
        {
            if (signals == null)
            {
                throw new ArgumentNullException("signals");
            }

            if (hardware == null)
            {
                throw new ArgumentNullException("hardware");
            }

            if (settings == null)
            {
                throw new ArgumentNullException("settings");
            }

            if (dtcs == null)
            {
                throw new ArgumentNullException("dtcs");
            }

            this.signals = signals;
            this.hardware = hardware;
            this.settings = settings;
            this.torque = torque;
            dtcs.SetSnapshotLayout(Identifiers, Lengths, true, this);
        }

        /// <inheritdoc/>
        public void FillSnapshot(byte[] values)
        {
            float motorRpm = signals.MotorSpeedRadiansPerSecond * RpmPerRadianPerSecond;

            // v = omega_motor / ratio * r, in m/s, times 3.6 for km/h.
            float speedKph = FloatMath.Abs(signals.MotorSpeedRadiansPerSecond) / settings.FinalDriveRatio * settings.WheelRadiusMetres * 3.6f;
            float torqueNewtonMetres = torque == null ? 0f : torque.OutputNewtonMetres;

            WriteUnsigned(values, 0, 2, speedKph * 10f);
            WriteSigned16(values, 2, motorRpm);
            WriteSigned16(values, 4, torqueNewtonMetres * 10f);
            WriteUnsigned(values, 6, 2, hardware.SupplyVolts * 1000f);
            WriteUnsigned(values, 8, 1, signals.PackSoc * 200f);
            WriteUnsigned(values, 9, 2, signals.DcLinkVolts * 10f);
        }

        private static void WriteUnsigned(byte[] values, int offset, int length, float scaled)
        {
            int maximum = length == 1 ? 0xFF : 0xFFFF;
            // NaN fails "> 0" and so records 0, like a negative value.
            int raw = !(scaled > 0f) ? 0 : (scaled >= maximum ? maximum : (int)(scaled + 0.5f));
            if (length == 2)
            {
                values[offset] = (byte)(raw >> 8);
                values[offset + 1] = (byte)raw;
            }
            else
            {
                values[offset] = (byte)raw;
            }
        }

        private static void WriteSigned16(byte[] values, int offset, float scaled)
        {
            int raw;
            bool isNaN = !(scaled >= 0f) && !(scaled < 0f);
            if (isNaN)
            {
                raw = 0;
            }
            else if (scaled >= 32767f)
            {
                raw = 32767;
            }
            else if (scaled <= -32768f)
            {
                raw = -32768;
            }
            else
            {
                raw = (int)(scaled < 0f ? scaled - 0.5f : scaled + 0.5f);
            }

            values[offset] = (byte)(raw >> 8);
            values[offset + 1] = (byte)raw;
        }
    }
}
