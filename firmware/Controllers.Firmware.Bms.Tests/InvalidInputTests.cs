using Controllers.Firmware.Bms.Estimation;
using Controllers.Firmware.Bms.Tasks;
using Controllers.Firmware.Common.Hal;
using Xunit;

namespace Controllers.Firmware.Bms.Tests;

// A sensor that returns NaN or infinity once must not poison the estimate for the rest of the drive.
public class InvalidInputTests
{
    private sealed class ScriptedSensors : ICurrentSensor, ICellVoltageSensor
    {
        public float Current;
        public float Voltage;

        public int CellCount => 1;

        public bool TryReadAmperes(out float currentAmperes)
        {
            currentAmperes = Current;
            return true;
        }

        public bool TryRead(float[] cellVoltagesVolts)
        {
            cellVoltagesVolts[0] = Voltage;
            return true;
        }
    }

    [Theory]
    [InlineData(float.NaN, 0f)]
    [InlineData(0f, float.NaN)]
    [InlineData(float.PositiveInfinity, 0f)]
    [InlineData(0f, float.NegativeInfinity)]
    public void Estimator_SkipsNonFiniteInputs(float voltageOffset, float currentOffset)
    {
        // At rest at 50 % SOC the synthetic cell's OCV is 3.66 V, so valid steps keep SOC at 0.5.
        var estimator = new SocEstimator(TestCells.Synthetic(), new SocEstimatorSettings());
        estimator.Reset(0.5f);

        estimator.Step(0f, 0.1f, 3.66f + voltageOffset, 0f + currentOffset, 25f);
        for (int i = 0; i < 10; i++)
        {
            estimator.Step(0f, 0.1f, 3.66f, 0f, 25f);
        }

        Assert.Equal(1, estimator.RejectedInputCount);
        Assert.Equal(0.5f, estimator.StateOfCharge, 0.001f);
    }

    [Fact]
    public void Estimator_SkipsNonFiniteCharge()
    {
        var estimator = new SocEstimator(TestCells.Synthetic(), new SocEstimatorSettings());
        estimator.Reset(0.5f);

        estimator.Step(float.NaN, 0.1f, 3.66f, 0f, 25f);

        Assert.Equal(1, estimator.RejectedInputCount);
        Assert.Equal(0.5f, estimator.StateOfCharge, 0.001f);
    }

    [Fact]
    public void CurrentTask_CountsNonFiniteReadAsFailed()
    {
        // Samples of 2 A at 0 and 20 ms around a NaN at 10 ms: the trapezoid spans 20 ms, 2 A * 0.02 s = 0.04 A·s.
        var sensors = new ScriptedSensors { Current = 2f };
        var task = new CurrentSamplingTask(sensors);
        task.Run(0);
        sensors.Current = float.NaN;
        task.Run(10000);
        sensors.Current = 2f;
        task.Run(20000);

        float charge = task.TakeCharge(out float elapsed);

        Assert.Equal(1, task.FailedReadCount);
        Assert.Equal(0.04f, charge, 1e-6f);
        Assert.Equal(0.02f, elapsed, 1e-6f);
    }

    [Fact]
    public void VoltageTask_KeepsPreviousOnNonFiniteRead()
    {
        var sensors = new ScriptedSensors { Voltage = 3.7f };
        var task = new CellVoltageSamplingTask(sensors, new CurrentSamplingTask(sensors));
        task.Run(0);
        sensors.Voltage = float.NaN;
        task.Run(100000);

        Assert.Equal(1, task.FailedReadCount);
        Assert.Equal(1, task.SampleCount);
        Assert.Equal(3.7f, task.CellVoltagesVolts[0]);
    }
}
