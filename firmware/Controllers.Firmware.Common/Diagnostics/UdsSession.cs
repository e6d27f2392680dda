namespace Controllers.Firmware.Common.Diagnostics
{
    /// <summary>
    /// Diagnostic sessions (the diagnosticSessionType sub-function of DiagnosticSessionControl) and the
    /// bit masks that tables use to list the sessions in which an entry is available.
    /// </summary>
    public static class UdsSession
    {
        public const int Default = 0x01;
        public const int Programming = 0x02;
        public const int Extended = 0x03;

        /// <summary>Mask bit of the default session.</summary>
        public const int DefaultMask = 1 << Default;

        /// <summary>Mask bit of the programming session.</summary>
        public const int ProgrammingMask = 1 << Programming;

        /// <summary>Mask bit of the extended diagnostic session.</summary>
        public const int ExtendedMask = 1 << Extended;

        /// <summary>Mask of all three sessions.</summary>
        public const int AllMask = DefaultMask | ProgrammingMask | ExtendedMask;

        /// <summary>Returns the mask bit of <paramref name="session"/>.</summary>
        public static int ToMask(int session)
        {
            return 1 << session;
        }
    }
}
