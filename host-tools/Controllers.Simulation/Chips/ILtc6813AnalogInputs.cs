namespace Controllers.Simulation.Chips;

/// <summary>
/// Analog world seen by the pins of emulated LTC6813-1 devices; a pack plant implements it. Devices are
/// numbered from 0 (next to the host), cells 1–18 from the bottom of each device, GPIOs 1–9, and sense wires
/// 0–18 (wire n connects pin C(n)).
/// </summary>
public interface ILtc6813AnalogInputs
{
    /// <summary>Voltage between pins C(cell) and C(cell − 1) of <paramref name="device"/> with every sense wire intact.</summary>
    float CellInputVolts(int device, int cell);

    /// <summary>Voltage on pin GPIO<paramref name="gpio"/> of <paramref name="device"/> relative to V−, with the pull-down off.</summary>
    float GpioVolts(int device, int gpio);

    /// <summary>True when sense wire <paramref name="wire"/> (pin C(wire)) of <paramref name="device"/> is disconnected.</summary>
    bool IsSenseWireOpen(int device, int wire);
}
