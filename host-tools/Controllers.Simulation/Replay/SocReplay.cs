using System;
using Controllers.Firmware.Bms.Estimation;
using Controllers.Simulation.Boards;

namespace Controllers.Simulation.Replay;

/// <summary>Runs a recording through a virtual BMS board in simulated time.</summary>
public static class SocReplay
{
    /// <summary>
    /// Replays <paramref name="scenario"/> and returns one trace row per estimation step.
    /// <paramref name="progress"/> receives the completed fraction (0 to 1) about a hundred times.
    /// </summary>
    /// <exception cref="ArgumentException">The start or end time lies outside the recording.</exception>
    public static SocTrace Run(BmsBoardDefinition board, SocReplayScenario scenario, Action<double>? progress = null)
    {
        var recording = scenario.Recording;
        double end = scenario.EndSeconds ?? recording.DurationSeconds;
        if (end <= scenario.StartSeconds || end > recording.DurationSeconds + 1e-9)
        {
            throw new ArgumentException(
                $"The replay end {end:F1} s must lie after the start {scenario.StartSeconds:F1} s and within the recording ({recording.DurationSeconds:F1} s).",
                nameof(scenario));
        }

        var plant = new ReplayPlant(recording, scenario.StartSeconds, scenario.ReferenceCapacityAmpereHours);
        var clock = new SimulatedClock();
        var sensors = new SimulatedSensors(plant, clock, scenario.Sensors, board.CurrentSensorFullScaleAmperes);
        var virtualBoard = new VirtualBmsBoard(board, clock, sensors, sensors, sensors, plant.TemperatureCelsius);
        double initialSoc = Math.Clamp(plant.TrueSoc + scenario.InitialSocError, 0.0, 1.0);
        virtualBoard.Start((float)initialSoc);

        long stepMicroseconds = board.EstimationPeriodMilliseconds * 1000L;
        long endMicroseconds = (long)Math.Floor((end - scenario.StartSeconds) * 1e6);
        int capacity = (int)(endMicroseconds / stepMicroseconds) + 2;
        var time = new double[capacity];
        var trueSoc = new float[capacity];
        var estimatedSoc = new float[capacity];
        var deviation = new float[capacity];
        var voltage = new float[capacity];
        var modelVoltage = new float[capacity];
        var current = new float[capacity];
        var temperature = new float[capacity];

        var core = virtualBoard.Core;
        var estimator = core.Estimation.Estimator;
        long recordedSteps = core.Estimation.StepCount;
        // Row 0 is the initial estimate before the first correction, so a wrong initial SOC shows in the
        // trace. No sensor has been read yet: it carries the recorded voltage, current and temperature,
        // and the model voltage of the initial state (relaxed RC branches).
        var impedance = new ImpedanceValues();
        float initialTemperature = plant.TemperatureCelsius;
        estimator.Model.GetImpedance(estimator.StateOfCharge, initialTemperature, impedance);
        time[0] = 0;
        trueSoc[0] = (float)plant.TrueSoc;
        estimatedSoc[0] = estimator.StateOfCharge;
        deviation[0] = estimator.StateOfChargeStandardDeviation;
        voltage[0] = plant.VoltageVolts;
        modelVoltage[0] = estimator.Model.GetOpenCircuitVoltage(estimator.StateOfCharge, initialTemperature) +
            estimator.Model.GetOhmicResistanceOhms(impedance, (float)plant.CurrentAmperes) * plant.CurrentAmperes;
        current[0] = plant.CurrentAmperes;
        temperature[0] = initialTemperature;
        int count = 1;
        int reportEvery = Math.Max(1, capacity / 100);
        for (long now = 0; now <= endMicroseconds && count < capacity; now += stepMicroseconds)
        {
            virtualBoard.RunUntil(now);
            if (core.Estimation.StepCount == recordedSteps)
            {
                continue;
            }

            recordedSteps = core.Estimation.StepCount;
            plant.AdvanceTo(now * 1e-6);
            time[count] = now * 1e-6;
            trueSoc[count] = (float)plant.TrueSoc;
            estimatedSoc[count] = estimator.StateOfCharge;
            deviation[count] = estimator.StateOfChargeStandardDeviation;
            voltage[count] = core.CellVoltages.CellVoltagesVolts[0];
            modelVoltage[count] = estimator.LastModelVoltageVolts;
            current[count] = core.CellVoltages.CurrentAtSampleAmperes;
            temperature[count] = core.Temperatures.TemperaturesCelsius[0];
            count++;
            if (progress != null && count % reportEvery == 0)
            {
                progress((double)count / capacity);
            }
        }

        progress?.Invoke(1.0);
        return new SocTrace
        {
            TimeSeconds = time[..count],
            TrueSoc = trueSoc[..count],
            EstimatedSoc = estimatedSoc[..count],
            EstimatedSocStandardDeviation = deviation[..count],
            MeasuredVoltageVolts = voltage[..count],
            ModelVoltageVolts = modelVoltage[..count],
            MeasuredCurrentAmperes = current[..count],
            TemperatureCelsius = temperature[..count],
        };
    }
}
