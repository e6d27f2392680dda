using System;
using Controllers.Simulation.Chips;

namespace Controllers.Simulation.Plant;

/// <summary>
/// What the LTC6813-1 devices of one slave board see of the pack: each used cell input carries the terminal voltage
/// of one series element of the <see cref="PackPlant"/>, unused inputs above the top cell read 0 V (shorted to
/// it, as wired on the board), and each thermistor GPIO carries its divider's voltage for the temperature of the
/// element it is fitted to. Faults: an open sense wire, and a thermistor open or shorted. The adapter records
/// the true value behind every reading, so acquisition errors are measured against what the chip was given.
/// </summary>
public sealed class SlaveAfeInputs : ILtc6813AnalogInputs
{
    private readonly PackPlant plant;
    private readonly int firstElement;
    private readonly NtcDividerModel divider;
    private readonly int[,] elementOfInput;
    private readonly int[,] sensorOfGpio;
    private int[] elementOfSensor = [];
    private readonly bool[,] openWires;
    private double[] cellTruthVolts = [];
    private double[] sensorTruthCelsius = [];
    private SensorFault[] sensorFaults = [];

    /// <summary>Thermistor fault injected on one channel.</summary>
    public enum SensorFault
    {
        None,
        Open,
        Short,
    }

    /// <summary>
    /// Creates the inputs of a slave whose cell n (from 0) is plant element <paramref name="firstElement"/> + n, with
    /// <paramref name="deviceCount"/> devices. Every input reads 0 V until <see cref="Connect"/> says which cell and
    /// thermistor sits on which pin; that happens after construction because the board's driver, which defines
    /// the mapping, needs the emulator and so these inputs first.
    /// </summary>
    public SlaveAfeInputs(PackPlant plant, int firstElement, int deviceCount, NtcDividerModel divider)
    {
        ArgumentNullException.ThrowIfNull(plant);
        ArgumentNullException.ThrowIfNull(divider);
        this.plant = plant;
        this.firstElement = firstElement;
        this.divider = divider;
        elementOfInput = new int[deviceCount, Ltc6813EmulatorDevice.CellCount + 1];
        sensorOfGpio = new int[deviceCount, Ltc6813EmulatorDevice.GpioCount + 1];
        openWires = new bool[deviceCount, Ltc6813EmulatorDevice.CellCount + 1];
        ClearMapping();
    }

    /// <summary>
    /// Places the cells and thermistors on the pins: <paramref name="deviceOfCell"/> and <paramref name="inputOfCell"/>
    /// give each cell's device and input (1 to 18), <paramref name="deviceOfSensor"/> and <paramref name="gpioOfSensor"/>
    /// each thermistor's device and GPIO (1 to 9). Thermistor k sits on the element in the middle of its share of
    /// the cells.
    /// </summary>
    public void Connect(int[] deviceOfCell, int[] inputOfCell, int[] deviceOfSensor, int[] gpioOfSensor)
    {
        ClearMapping();
        int cells = deviceOfCell.Length;
        for (int cell = 0; cell < cells; cell++)
        {
            elementOfInput[deviceOfCell[cell], inputOfCell[cell]] = cell;
        }

        int sensors = deviceOfSensor.Length;
        elementOfSensor = new int[sensors];
        for (int sensor = 0; sensor < sensors; sensor++)
        {
            sensorOfGpio[deviceOfSensor[sensor], gpioOfSensor[sensor]] = sensor;
            elementOfSensor[sensor] = Math.Min(cells - 1, (2 * sensor + 1) * cells / (2 * sensors));
        }

        cellTruthVolts = new double[cells];
        sensorTruthCelsius = new double[sensors];
        sensorFaults = new SensorFault[sensors];
    }

    private void ClearMapping()
    {
        for (int device = 0; device < elementOfInput.GetLength(0); device++)
        {
            for (int input = 0; input <= Ltc6813EmulatorDevice.CellCount; input++)
            {
                elementOfInput[device, input] = -1;
            }

            for (int gpio = 0; gpio <= Ltc6813EmulatorDevice.GpioCount; gpio++)
            {
                sensorOfGpio[device, gpio] = -1;
            }
        }
    }

    /// <summary>True terminal voltage of cell <paramref name="cell"/> at the latest conversion of its input.</summary>
    public double GetCellTruthVolts(int cell) => cellTruthVolts[cell];

    /// <summary>True temperature of thermistor <paramref name="sensor"/>'s element at the latest conversion of its GPIO.</summary>
    public double GetSensorTruthCelsius(int sensor) => sensorTruthCelsius[sensor];

    /// <summary>Plant element that thermistor <paramref name="sensor"/> is fitted to.</summary>
    public int GetSensorElement(int sensor) => firstElement + elementOfSensor[sensor];

    /// <summary>Opens or reconnects sense wire <paramref name="wire"/> (pin C(wire)) of <paramref name="device"/>.</summary>
    public void SetSenseWireOpen(int device, int wire, bool open) => openWires[device, wire] = open;

    /// <summary>Injects a thermistor fault on channel <paramref name="sensor"/>.</summary>
    public void SetSensorFault(int sensor, SensorFault fault) => sensorFaults[sensor] = fault;

    /// <inheritdoc />
    public float CellInputVolts(int device, int cell)
    {
        int index = elementOfInput[device, cell];
        if (index < 0)
        {
            return 0f;
        }

        double volts = plant.GetCellVolts(firstElement + index);
        cellTruthVolts[index] = volts;
        return (float)volts;
    }

    /// <inheritdoc />
    public float GpioVolts(int device, int gpio)
    {
        int sensor = sensorOfGpio[device, gpio];
        if (sensor < 0)
        {
            return 0f;
        }

        double celsius = plant.GetTemperatureCelsius(firstElement + elementOfSensor[sensor]);
        sensorTruthCelsius[sensor] = celsius;
        return sensorFaults[sensor] switch
        {
            // An open thermistor leaves the pull-up alone: the GPIO sits at the reference.
            SensorFault.Open => (float)divider.Settings.ReferenceVolts,
            // A shorted thermistor leaves only the harness resistance below the GPIO.
            SensorFault.Short => (float)(divider.Settings.ReferenceVolts * divider.Settings.HarnessOhms /
                                         (divider.Settings.PullUpOhms + divider.Settings.HarnessOhms)),
            _ => (float)divider.GpioVolts(celsius),
        };
    }

    /// <inheritdoc />
    public bool IsSenseWireOpen(int device, int wire) => openWires[device, wire];
}
