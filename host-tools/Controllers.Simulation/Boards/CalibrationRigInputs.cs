using System;
using Controllers.Firmware.Bms.Sensing;
using Controllers.Simulation.Chips;
using Controllers.Simulation.Plant;

namespace Controllers.Simulation.Boards;

/// <summary>
/// A calibration rig on the cell inputs of one LTC6813-1. A reference source drives every cell channel with
/// the same voltage. Each channel adds a known gain and offset error of the board's sense path (filter
/// resistors, connector drops) before the chip converts it. GPIO1 to GPIO<see cref="NtcCount"/> carry 10 kΩ NTC
/// dividers (Murata NCP18XH103 table, 10 kΩ pull-up to the 3.0 V second reference) in a temperature chamber.
/// Test resistors can be connected from each high-voltage pole to chassis for the insulation calibration.
/// </summary>
public sealed class CalibrationRigInputs : ILtc6813AnalogInputs
{
    /// <summary>NTC channels on GPIO1 upwards.</summary>
    public const int NtcCount = 4;

    private readonly NtcDividerModel divider = new(MurataNcp18xh103.CreateTable(), new NtcDividerModelSettings());
    private readonly double[] ntcOffsetsCelsius = new double[NtcCount];
    private readonly double[] gainErrors;
    private readonly double[] offsetErrorsVolts;

    /// <summary>Creates the rig for <paramref name="channelCount"/> cell inputs (1 to 18) with no errors.</summary>
    public CalibrationRigInputs(int channelCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(channelCount, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(channelCount, 18);
        gainErrors = new double[channelCount];
        offsetErrorsVolts = new double[channelCount];
    }

    /// <summary>Voltage of the reference source on every channel, V.</summary>
    public double SourceVolts { get; set; } = 3.3;

    /// <summary>
    /// Test resistor between the positive pole and chassis, Ω; <see cref="double.PositiveInfinity"/> when none is
    /// connected. The pack's own insulation is open, so this is the whole insulation of the pole.
    /// </summary>
    public double PositiveTestOhms { get; set; } = double.PositiveInfinity;

    /// <summary>Test resistor between chassis and the negative pole, Ω; <see cref="double.PositiveInfinity"/> when none is connected.</summary>
    public double NegativeTestOhms { get; set; } = double.PositiveInfinity;

    /// <summary>Chamber temperature that every NTC sits at, °C.</summary>
    public double ChamberCelsius { get; set; } = 25;

    /// <summary>
    /// Makes NTC <paramref name="channel"/> sit <paramref name="offsetCelsius"/> away from the chamber, as a
    /// thermistor with poor thermal contact or a wrong part does.
    /// </summary>
    public void SetNtcOffset(int channel, double offsetCelsius) => ntcOffsetsCelsius[channel] = offsetCelsius;

    /// <summary>
    /// Sets the error of channel <paramref name="channel"/> (0-based): the chip's input is
    /// source × (1 + <paramref name="gainError"/>) + <paramref name="offsetVolts"/>.
    /// </summary>
    public void SetChannelError(int channel, double gainError, double offsetVolts)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(channel);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(channel, gainErrors.Length);
        gainErrors[channel] = gainError;
        offsetErrorsVolts[channel] = offsetVolts;
    }

    /// <inheritdoc />
    public float CellInputVolts(int device, int cell)
    {
        int channel = cell - 1;
        if (device != 0 || channel >= gainErrors.Length)
        {
            return 0f;
        }

        return (float)(SourceVolts * (1 + gainErrors[channel]) + offsetErrorsVolts[channel]);
    }

    /// <inheritdoc />
    public float GpioVolts(int device, int gpio) =>
        device == 0 && gpio >= 1 && gpio <= NtcCount ? (float)divider.GpioVolts(ChamberCelsius + ntcOffsetsCelsius[gpio - 1]) : 0f;

    /// <inheritdoc />
    public bool IsSenseWireOpen(int device, int wire) => false;
}
