using System;
using Controllers.Firmware.Common.Can;
using Controllers.Firmware.Common.Parameters;
using Controllers.Firmware.Common.Scheduling;
using Controllers.Firmware.Common.Update;

namespace Controllers.Firmware.Common.Diagnostics
{
    /// <summary>
    /// The UDS server of a controller on its CAN bus: an <see cref="IsoTpEndpoint"/> on the physical request
    /// and response ids, a <see cref="UdsServer"/> with SecurityAccess level 0x01, the board's DTC memory
    /// (persisted when a store is given), the identity DIDs, the parameter DIDs and routines, and the
    /// application update services when <see cref="BoardDiagnosticsSettings.Programming"/> is set. Other parts
    /// (the board's calibration) add their DIDs and routines to <see cref="DataIdentifiers"/> and
    /// <see cref="Routines"/> and set handlers on <see cref="Server"/> before the executive starts.
    /// Everything is allocated here; the tasks allocate nothing per period.
    /// </summary>
    public sealed class BoardDiagnostics
    {
        /// <summary>Period of the ISO-TP endpoint and UDS server tasks, µs.</summary>
        public const long PeriodMicroseconds = 10000;

        /// <summary>DID entries left free for other parts after the identity and parameter DIDs.</summary>
        public const int SpareDataIdentifiers = 64;

        /// <summary>Routine entries left free for other parts after the parameter routines.</summary>
        public const int SpareRoutines = 16;

        private readonly IsoTpEndpoint endpoint;
        private readonly UdsServer server;
        private readonly UdsIsoTpAdapter adapter;
        private readonly UdsDataIdentifierTable identifiers;
        private readonly UdsRoutineTable routines;
        private readonly ParameterDiagnostics? parameters;
        private readonly DtcRecordTask? dtcRecordTask;

        /// <summary>
        /// Builds the server for <paramref name="dtcs"/> sending through <paramref name="bus"/>. When
        /// <see cref="BoardDiagnosticsSettings.DtcStore"/> is set, the DTC record is loaded here, so call this
        /// after every DTC and the snapshot layout are registered.
        /// </summary>
        public BoardDiagnostics(IMonotonicClock clock, ICanTransmitter bus, DtcMemory dtcs, BoardDiagnosticsSettings settings)
        {
            if (clock == null || bus == null || dtcs == null || settings == null)
            {
                throw new ArgumentNullException(clock == null ? "clock" : (bus == null ? "bus" : (dtcs == null ? "dtcs" : "settings")));
            }

            settings.Validate();
            IsoTpSettings isoTp = new IsoTpSettings();
            isoTp.TransmitId = settings.ResponseId;
            isoTp.ReceiveId = settings.RequestId;
            endpoint = new IsoTpEndpoint(isoTp, bus, clock);
            server = new UdsServer(clock);
            adapter = new UdsIsoTpAdapter(server, endpoint);
            server.Dtcs = dtcs;
            // Level n is requestSeed 2n - 1, so programming (requestSeed 0x11) needs nine levels.
            int securityLevels = settings.Programming == null ? 1 : (ApplicationProgrammingHandler.ProgrammingSecurityLevel + 1) / 2;
            server.ConfigureSecurity(settings.SecuritySecret!, securityLevels, settings.RandomSource!, settings.AttemptStore!);

            int parameterEntries = 0;
            if (settings.Parameters != null)
            {
                parameters = new ParameterDiagnostics(settings.Parameters.Database, settings.Parameters, server, settings.ParameterValidator);
                parameterEntries = parameters.DataIdentifierCount;
            }

            identifiers = new UdsDataIdentifierTable(3 + parameterEntries + SpareDataIdentifiers);
            routines = new UdsRoutineTable(2 + SpareRoutines);
            new IdentityDataIdentifiers(settings.PartNumber, settings.SerialNumber, settings.Vin).Register(identifiers);
            if (parameters != null)
            {
                parameters.Register(identifiers, routines);
            }

            server.DataIdentifiers = identifiers;
            server.Routines = routines;
            if (settings.Programming != null)
            {
                settings.Programming.Register(server);
            }

            if (settings.DtcStore != null)
            {
                DtcMemoryRecord record = new DtcMemoryRecord(dtcs, settings.DtcStore, settings.DtcRegionA, settings.DtcRegionB, dtcs.Count);
                record.Load();
                dtcRecordTask = new DtcRecordTask(record);
            }
        }

        /// <summary>The UDS server; other parts set their handlers here.</summary>
        public UdsServer Server
        {
            get { return server; }
        }

        /// <summary>ISO-TP endpoint on the request and response ids.</summary>
        public IsoTpEndpoint Endpoint
        {
            get { return endpoint; }
        }

        /// <summary>DID table of the server.</summary>
        public UdsDataIdentifierTable DataIdentifiers
        {
            get { return identifiers; }
        }

        /// <summary>Routine table of the server.</summary>
        public UdsRoutineTable Routines
        {
            get { return routines; }
        }

        /// <summary>Parameter DIDs and routines, or null when no parameter record was given.</summary>
        public ParameterDiagnostics? Parameters
        {
            get { return parameters; }
        }

        /// <summary>Task that saves the DTC record, or null when no DTC store was given.</summary>
        public DtcRecordTask? DtcRecordTask
        {
            get { return dtcRecordTask; }
        }

        /// <summary>Passes a received frame to the endpoint; returns false when it is not a diagnostic request.</summary>
        public bool OnFrameReceived(CanFrame frame)
        {
            return endpoint.OnFrameReceived(frame);
        }

        /// <summary>Registers the endpoint, the adapter and the DTC record task with <paramref name="executive"/>.</summary>
        public void AddTasks(Executive executive)
        {
            if (executive == null)
            {
                throw new ArgumentNullException("executive");
            }

            executive.AddTask("isotp", endpoint, PeriodMicroseconds, 0);
            executive.AddTask("uds", adapter, PeriodMicroseconds, 0);
            if (dtcRecordTask != null)
            {
                executive.AddTask("dtc-record", dtcRecordTask, DtcRecordTask.PeriodMicroseconds, 0);
            }
        }
    }
}
