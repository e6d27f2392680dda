namespace Controllers.Simulation.Vehicle.Nodes;

/// <summary>
/// A plant-side node on the simulated vehicle bus. It receives through its own callback on the
/// <see cref="Network.SimulatedCanNetwork"/> and does its periodic work in <see cref="Step"/>.
/// </summary>
public interface ISimulatedCanNode
{
    /// <summary>Applies what the node received and sends the frames due at <paramref name="nowMicroseconds"/>.</summary>
    void Step(long nowMicroseconds);
}
