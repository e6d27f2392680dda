using Controllers.Simulation.Chips;

namespace Controllers.Simulation.Tests.Chips;

/// <summary>Settable analog inputs for emulated LTC6813-1 devices: cell voltages, GPIO voltages and open wires.</summary>
internal sealed class Ltc6813TestInputs : ILtc6813AnalogInputs
{
    private readonly float[,] cells;
    private readonly float[,] gpios;
    private readonly bool[,] openWires;

    public Ltc6813TestInputs(int deviceCount, float cellVolts = 3.7f)
    {
        cells = new float[deviceCount, 19];
        gpios = new float[deviceCount, 10];
        openWires = new bool[deviceCount, 19];
        for (int device = 0; device < deviceCount; device++)
        {
            for (int cell = 1; cell <= 18; cell++)
            {
                cells[device, cell] = cellVolts;
            }
        }
    }

    public float CellInputVolts(int device, int cell) => cells[device, cell];

    public float GpioVolts(int device, int gpio) => gpios[device, gpio];

    public bool IsSenseWireOpen(int device, int wire) => openWires[device, wire];

    public void SetCell(int device, int cell, float volts) => cells[device, cell] = volts;

    public void SetGpio(int device, int gpio, float volts) => gpios[device, gpio] = volts;

    public void SetOpenWire(int device, int wire, bool open) => openWires[device, wire] = open;
}
