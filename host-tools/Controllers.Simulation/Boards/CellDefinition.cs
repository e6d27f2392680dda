using Controllers.Firmware.Bms.Estimation;

namespace Controllers.Simulation.Boards;

/// <summary>A named cell type with its equivalent-circuit parameters, as stored under boards/cells/.</summary>
public sealed class CellDefinition
{
    public CellDefinition(string name, string source, CellParameters parameters)
    {
        Name = name;
        Source = source;
        Parameters = parameters;
    }

    public string Name { get; }

    /// <summary>Where the parameters come from (data set and identification method).</summary>
    public string Source { get; }

    public CellParameters Parameters { get; }
}
