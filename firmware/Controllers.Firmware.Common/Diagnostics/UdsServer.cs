using System;
using Controllers.Firmware.Common.Scheduling;

namespace Controllers.Firmware.Common.Diagnostics
{
    /// <summary>
    /// UDS (ISO 14229-1) server: <see cref="HandleRequest"/> takes one request PDU and leaves at most one
    /// response PDU for <see cref="ReadResponse"/>. <see cref="Run"/> drives the S3 session timeout,
    /// pending ECU resets and routines that returned responsePending. The SecurityAccess delay is checked
    /// against the clock when a request arrives.
    /// Services whose table or handler is not set reply serviceNotSupported (0x11). Nothing is allocated
    /// after construction and configuration. Only one request is processed at a time, and a request that
    /// arrives while a routine is pending gets busyRepeatRequest (0x21).
    /// NOTE: there is no functional addressing, so the rule that suppresses negative responses 0x11,
    /// 0x12, 0x31 and 0x7E/0x7F to functionally addressed requests is not applied.
    /// </summary>
    public sealed partial class UdsServer : IPeriodicTask
    {
        /// <summary>Largest request and response, in bytes: the ISO-TP limit on classic CAN.</summary>
        public const int MaxMessageLengthBytes = 4095;

        /// <summary>P2server_max reported by DiagnosticSessionControl, in milliseconds.</summary>
        public const int P2ServerMaxMilliseconds = 50;

        /// <summary>P2*server_max reported by DiagnosticSessionControl, in milliseconds.</summary>
        public const int P2StarServerMaxMilliseconds = 5000;

        /// <summary>S3server: a non-default session without requests for this long returns to the default session.</summary>
        public const long S3ServerMicroseconds = 5000000;

        /// <summary>
        /// Interval between repeated responsePending (0x78) responses: P2*server_max minus one second, so
        /// that each one arrives before the client's P2* timer runs out even with a slow Run period.
        /// </summary>
        public const long ResponsePendingIntervalMicroseconds = (P2StarServerMaxMilliseconds - 1000) * 1000L;

        private readonly IMonotonicClock clock;
        private readonly byte[] response = new byte[MaxMessageLengthBytes];
        private int responseLength;
        private bool responseAvailable;

        private int session = UdsSession.Default;
        private long lastActivityMicroseconds;
        private int pendingResetType;
        private int normalCommunicationControl;
        private int networkManagementCommunicationControl;

        /// <summary>Creates a server in the default session with no optional services configured.</summary>
        public UdsServer(IMonotonicClock clock)
        {
            if (clock == null)
            {
                throw new ArgumentNullException("clock");
            }

            this.clock = clock;
            lastActivityMicroseconds = clock.NowMicroseconds;
        }

        /// <summary>Handler of ECUReset (0x11); null disables the service.</summary>
        public IUdsResetHandler? ResetHandler { get; set; }

        /// <summary>Data identifiers of ReadDataByIdentifier (0x22) and WriteDataByIdentifier (0x2E); null disables both.</summary>
        public UdsDataIdentifierTable? DataIdentifiers { get; set; }

        /// <summary>Routines of RoutineControl (0x31); null disables the service.</summary>
        public UdsRoutineTable? Routines { get; set; }

        /// <summary>DTC memory of services 0x14, 0x19 and 0x85; null disables them.</summary>
        public DtcMemory? Dtcs { get; set; }

        /// <summary>Memory behind RequestDownload, TransferData and RequestTransferExit; null disables them.</summary>
        public IUdsDownloadHandler? DownloadHandler { get; set; }

        /// <summary>Active diagnostic session, one of the <see cref="UdsSession"/> values.</summary>
        public int Session
        {
            get { return session; }
        }

        /// <summary>
        /// communicationControlType (0x00 enableRxAndTx to 0x03 disableRxAndTx) last set for normal
        /// communication messages. The application checks it before sending or receiving them.
        /// </summary>
        public int NormalCommunicationControl
        {
            get { return normalCommunicationControl; }
        }

        /// <summary>communicationControlType last set for network management messages.</summary>
        public int NetworkManagementCommunicationControl
        {
            get { return networkManagementCommunicationControl; }
        }

        /// <summary>True when a response waits to be read with <see cref="ReadResponse"/>.</summary>
        public bool IsResponseAvailable
        {
            get { return responseAvailable; }
        }

        /// <summary>Length of the waiting response in bytes; 0 when there is none.</summary>
        public int ResponseLength
        {
            get { return responseAvailable ? responseLength : 0; }
        }

        /// <summary>
        /// Processes the request in the first <paramref name="length"/> bytes of <paramref name="request"/>.
        /// An unread response is discarded. An empty request is ignored.
        /// </summary>
        public void HandleRequest(byte[] request, int length)
        {
            if (request == null)
            {
                throw new ArgumentNullException("request");
            }

            if (length < 0 || length > request.Length || length > MaxMessageLengthBytes)
            {
                throw new ArgumentOutOfRangeException("length", "The length must lie inside the request array and be at most 4095 bytes.");
            }

            responseAvailable = false;
            if (length == 0)
            {
                return;
            }

            long now = clock.NowMicroseconds;
            lastActivityMicroseconds = now;
            byte serviceId = request[0];

            if (routinePending)
            {
                SendNegative(serviceId, UdsNegativeResponseCode.BusyRepeatRequest);
                return;
            }

            Dispatch(serviceId, request, length, now);
        }

        /// <summary>
        /// Copies the waiting response to <paramref name="destination"/> at <paramref name="offset"/>, marks
        /// it read and returns its length. Returns 0 when no response is waiting.
        /// </summary>
        public int ReadResponse(byte[] destination, int offset)
        {
            if (destination == null)
            {
                throw new ArgumentNullException("destination");
            }

            if (!responseAvailable)
            {
                return 0;
            }

            if (offset < 0 || offset > destination.Length - responseLength)
            {
                throw new ArgumentOutOfRangeException("offset", "The destination has no room for the response at this offset; check ResponseLength first.");
            }

            Array.Copy(response, 0, destination, offset, responseLength);
            responseAvailable = false;
            return responseLength;
        }

        /// <summary>
        /// Polls a pending routine, performs a requested ECU reset once its response has been read, and
        /// returns to the default session when S3server has run out.
        /// </summary>
        public void Run(long nowMicroseconds)
        {
            if (routinePending)
            {
                lastActivityMicroseconds = nowMicroseconds;
                if (!responseAvailable)
                {
                    PollPendingRoutine(nowMicroseconds);
                }

                return;
            }

            if (pendingResetType != 0 && !responseAvailable)
            {
                int resetType = pendingResetType;
                pendingResetType = 0;
                ResetHandler!.Reset(resetType);
            }

            if (session != UdsSession.Default && nowMicroseconds - lastActivityMicroseconds >= S3ServerMicroseconds)
            {
                ChangeSession(UdsSession.Default);
            }
        }

        private void Dispatch(byte serviceId, byte[] request, int length, long now)
        {
            switch (serviceId)
            {
                case UdsServiceId.DiagnosticSessionControl:
                    HandleSessionControl(request, length);
                    break;
                case UdsServiceId.EcuReset:
                    HandleEcuReset(request, length);
                    break;
                case UdsServiceId.TesterPresent:
                    HandleTesterPresent(request, length);
                    break;
                case UdsServiceId.SecurityAccess:
                    HandleSecurityAccess(request, length, now);
                    break;
                case UdsServiceId.ReadDataByIdentifier:
                    HandleReadDataByIdentifier(request, length);
                    break;
                case UdsServiceId.WriteDataByIdentifier:
                    HandleWriteDataByIdentifier(request, length);
                    break;
                case UdsServiceId.ClearDiagnosticInformation:
                    HandleClearDiagnosticInformation(request, length);
                    break;
                case UdsServiceId.ReadDtcInformation:
                    HandleReadDtcInformation(request, length);
                    break;
                case UdsServiceId.RoutineControl:
                    HandleRoutineControl(request, length, now);
                    break;
                case UdsServiceId.RequestDownload:
                    HandleRequestDownload(request, length);
                    break;
                case UdsServiceId.TransferData:
                    HandleTransferData(request, length);
                    break;
                case UdsServiceId.RequestTransferExit:
                    HandleRequestTransferExit(request, length);
                    break;
                case UdsServiceId.CommunicationControl:
                    HandleCommunicationControl(request, length);
                    break;
                case UdsServiceId.ControlDtcSetting:
                    HandleControlDtcSetting(request, length);
                    break;
                default:
                    SendNegative(serviceId, UdsNegativeResponseCode.ServiceNotSupported);
                    break;
            }
        }

        private void HandleSessionControl(byte[] request, int length)
        {
            const byte serviceId = UdsServiceId.DiagnosticSessionControl;
            if (length < 2)
            {
                SendNegative(serviceId, UdsNegativeResponseCode.IncorrectMessageLengthOrInvalidFormat);
                return;
            }

            int newSession = request[1] & 0x7F;
            if (newSession != UdsSession.Default && newSession != UdsSession.Programming && newSession != UdsSession.Extended)
            {
                SendNegative(serviceId, UdsNegativeResponseCode.SubFunctionNotSupported);
                return;
            }

            if (length != 2)
            {
                SendNegative(serviceId, UdsNegativeResponseCode.IncorrectMessageLengthOrInvalidFormat);
                return;
            }

            // The programming session is entered only from the extended session, so that a tester cannot
            // start a download with a single request.
            if (newSession == UdsSession.Programming && session == UdsSession.Default)
            {
                SendNegative(serviceId, UdsNegativeResponseCode.SubFunctionNotSupportedInActiveSession);
                return;
            }

            ChangeSession(newSession);

            // sessionParameterRecord: P2server_max in 1 ms and P2*server_max in 10 ms units, big-endian.
            int p2Star = P2StarServerMaxMilliseconds / 10;
            response[1] = (byte)newSession;
            response[2] = (byte)(P2ServerMaxMilliseconds >> 8);
            response[3] = (byte)P2ServerMaxMilliseconds;
            response[4] = (byte)(p2Star >> 8);
            response[5] = (byte)p2Star;
            SendPositive(serviceId, 6, IsSuppressed(request));
        }

        private void HandleEcuReset(byte[] request, int length)
        {
            const byte serviceId = UdsServiceId.EcuReset;
            if (ResetHandler == null)
            {
                SendNegative(serviceId, UdsNegativeResponseCode.ServiceNotSupported);
                return;
            }

            if (length < 2)
            {
                SendNegative(serviceId, UdsNegativeResponseCode.IncorrectMessageLengthOrInvalidFormat);
                return;
            }

            int resetType = request[1] & 0x7F;
            if (resetType != UdsResetType.HardReset && resetType != UdsResetType.SoftReset)
            {
                SendNegative(serviceId, UdsNegativeResponseCode.SubFunctionNotSupported);
                return;
            }

            if (length != 2)
            {
                SendNegative(serviceId, UdsNegativeResponseCode.IncorrectMessageLengthOrInvalidFormat);
                return;
            }

            if (!ResetHandler.IsResetAllowed(resetType))
            {
                SendNegative(serviceId, UdsNegativeResponseCode.ConditionsNotCorrect);
                return;
            }

            pendingResetType = resetType;
            response[1] = (byte)resetType;
            SendPositive(serviceId, 2, IsSuppressed(request));
        }

        private void HandleTesterPresent(byte[] request, int length)
        {
            const byte serviceId = UdsServiceId.TesterPresent;
            if (length < 2)
            {
                SendNegative(serviceId, UdsNegativeResponseCode.IncorrectMessageLengthOrInvalidFormat);
                return;
            }

            if ((request[1] & 0x7F) != 0x00)
            {
                SendNegative(serviceId, UdsNegativeResponseCode.SubFunctionNotSupported);
                return;
            }

            if (length != 2)
            {
                SendNegative(serviceId, UdsNegativeResponseCode.IncorrectMessageLengthOrInvalidFormat);
                return;
            }

            response[1] = 0x00;
            SendPositive(serviceId, 2, IsSuppressed(request));
        }

        private void HandleCommunicationControl(byte[] request, int length)
        {
            const byte serviceId = UdsServiceId.CommunicationControl;
            if (session == UdsSession.Default)
            {
                SendNegative(serviceId, UdsNegativeResponseCode.ServiceNotSupportedInActiveSession);
                return;
            }

            if (length < 2)
            {
                SendNegative(serviceId, UdsNegativeResponseCode.IncorrectMessageLengthOrInvalidFormat);
                return;
            }

            // controlType 0x00 enableRxAndTx, 0x01 enableRxAndDisableTx, 0x02 disableRxAndEnableTx, 0x03 disableRxAndTx.
            int controlType = request[1] & 0x7F;
            if (controlType > 0x03)
            {
                SendNegative(serviceId, UdsNegativeResponseCode.SubFunctionNotSupported);
                return;
            }

            if (length != 3)
            {
                SendNegative(serviceId, UdsNegativeResponseCode.IncorrectMessageLengthOrInvalidFormat);
                return;
            }

            // communicationType bits 0-1: 1 normal messages, 2 network management, 3 both. The upper
            // nibble selects subnets, and only 0 (all networks) is supported.
            int communicationType = request[2];
            if ((communicationType & 0x03) == 0 || (communicationType & 0xFC) != 0)
            {
                SendNegative(serviceId, UdsNegativeResponseCode.RequestOutOfRange);
                return;
            }

            if ((communicationType & 0x01) != 0)
            {
                normalCommunicationControl = controlType;
            }

            if ((communicationType & 0x02) != 0)
            {
                networkManagementCommunicationControl = controlType;
            }

            response[1] = (byte)controlType;
            SendPositive(serviceId, 2, IsSuppressed(request));
        }

        // Leaving a session locks security, ends transfers and started routines. The default session also
        // re-enables communication and DTC setting, as ISO 14229-1 requires.
        private void ChangeSession(int newSession)
        {
            LockSecurity();
            AbortDownload();
            if (Routines != null)
            {
                Routines.ClearStarted();
            }

            if (newSession == UdsSession.Default)
            {
                normalCommunicationControl = 0;
                networkManagementCommunicationControl = 0;
                if (Dtcs != null)
                {
                    Dtcs.IsUpdateEnabled = true;
                }
            }

            session = newSession;
        }

        private bool IsInSession(int sessionMask)
        {
            return (sessionMask & UdsSession.ToMask(session)) != 0;
        }

        private static bool IsSuppressed(byte[] request)
        {
            return (request[1] & UdsServiceId.SuppressPositiveResponseBit) != 0;
        }

        // Sends the positive response in response[1 .. length-1], unless the request suppressed it.
        private void SendPositive(byte serviceId, int length, bool suppress)
        {
            if (suppress)
            {
                return;
            }

            response[0] = (byte)(serviceId + UdsServiceId.PositiveResponseOffset);
            responseLength = length;
            responseAvailable = true;
        }

        private void SendNegative(byte serviceId, byte code)
        {
            response[0] = UdsServiceId.NegativeResponse;
            response[1] = serviceId;
            response[2] = code;
            responseLength = 3;
            responseAvailable = true;
        }

        private static uint ReadBigEndian(byte[] data, int offset, int length)
        {
            uint value = 0;
            for (int i = 0; i < length; i++)
            {
                value = (value << 8) | data[offset + i];
            }

            return value;
        }
    }
}
