using System;
using Controllers.Firmware.Common.Diagnostics;
using Controllers.Firmware.Vcu.HighVoltage;
using Xunit;

namespace Controllers.Firmware.Vcu.Tests.HighVoltage;

public class HvPowerSettingsTests
{
    [Fact]
    public void Defaults_AreValid()
    {
        new HvPowerSettings().Validate();
    }

    [Theory]
    [InlineData("PrechargeTargetFraction")]
    [InlineData("PrechargeTimeoutMicroseconds")]
    [InlineData("MaxPrechargeAttempts")]
    [InlineData("SafeLinkVolts")]
    [InlineData("WeldCheckFraction")]
    [InlineData("InsulationWarningOhmsPerVolt")]
    [InlineData("OpenTimeoutMicroseconds")]
    public void InvalidValue_NamedInException(string name)
    {
        var settings = new HvPowerSettings();
        switch (name)
        {
            case "PrechargeTargetFraction":
                settings.PrechargeTargetFraction = 1.2f;
                break;
            case "PrechargeTimeoutMicroseconds":
                settings.PrechargeMinimumMicroseconds = settings.PrechargeTimeoutMicroseconds;
                break;
            case "MaxPrechargeAttempts":
                settings.MaxPrechargeAttempts = 0;
                break;
            case "SafeLinkVolts":
                settings.SafeLinkVolts = 0f;
                break;
            case "WeldCheckFraction":
                settings.WeldCheckFraction = 1f;
                break;
            case "InsulationWarningOhmsPerVolt":
                settings.InsulationWarningOhmsPerVolt = 50f;
                break;
            case "OpenTimeoutMicroseconds":
                settings.OpenTimeoutMicroseconds = 0;
                break;
        }

        var error = Assert.Throws<ArgumentException>(() => new HvPowerManager(settings, new DtcMemory(VcuCore.DtcCapacity)));
        Assert.Equal(name, error.ParamName);
    }
}
