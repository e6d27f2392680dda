namespace Controllers.Firmware.Common.Diagnostics
{
    /// <summary>
    /// Runs the routines of a <see cref="UdsRoutineTable"/>. Each method returns
    /// <see cref="UdsNegativeResponseCode.PositiveResponse"/> when it has finished, a negative response
    /// code to send, or <see cref="UdsNegativeResponseCode.ResponsePending"/> when the work goes on. After
    /// ResponsePending the server calls <see cref="Poll"/> from its Run until the routine returns another
    /// code. Result bytes (the routineStatusRecord) go to <paramref name="result"/>, at most
    /// <c>result.Length - resultOffset</c> bytes, and their count to <paramref name="resultLength"/>.
    /// </summary>
    public interface IUdsRoutineHandler
    {
        /// <summary>Starts routine <paramref name="identifier"/> with the routineControlOptionRecord in <paramref name="options"/>.</summary>
        byte Start(int identifier, byte[] options, int offset, int length, byte[] result, int resultOffset, out int resultLength);

        /// <summary>Stops routine <paramref name="identifier"/>.</summary>
        byte Stop(int identifier, byte[] options, int offset, int length, byte[] result, int resultOffset, out int resultLength);

        /// <summary>Writes the results of routine <paramref name="identifier"/>.</summary>
        byte RequestResults(int identifier, byte[] result, int resultOffset, out int resultLength);

        /// <summary>Continues the operation that returned ResponsePending.</summary>
        byte Poll(int identifier, byte[] result, int resultOffset, out int resultLength);
    }
}
