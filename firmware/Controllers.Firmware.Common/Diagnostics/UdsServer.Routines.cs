namespace Controllers.Firmware.Common.Diagnostics
{
    // RoutineControl (0x31), with responsePending (0x78) for routines that take longer than P2server.
    public sealed partial class UdsServer
    {
        private const int StartRoutine = 0x01;
        private const int StopRoutine = 0x02;
        private const int RequestRoutineResults = 0x03;

        // The response contains 71, the sub-function and the 2-byte identifier before the routineStatusRecord.
        private const int RoutineResultOffset = 4;

        private bool routinePending;
        private int pendingRoutineIndex;
        private int pendingRoutineIdentifier;
        private int pendingRoutineControlType;
        private long lastResponsePendingMicroseconds;

        /// <summary>True from a responsePending (0x78) reply of RoutineControl until its final response.</summary>
        public bool IsRoutinePending
        {
            get { return routinePending; }
        }

        private void HandleRoutineControl(byte[] request, int length, long now)
        {
            const byte serviceId = UdsServiceId.RoutineControl;
            UdsRoutineTable? table = Routines;
            if (table == null)
            {
                SendNegative(serviceId, UdsNegativeResponseCode.ServiceNotSupported);
                return;
            }

            if (length < 4)
            {
                SendNegative(serviceId, UdsNegativeResponseCode.IncorrectMessageLengthOrInvalidFormat);
                return;
            }

            int controlType = request[1] & 0x7F;
            if (controlType != StartRoutine && controlType != StopRoutine && controlType != RequestRoutineResults)
            {
                SendNegative(serviceId, UdsNegativeResponseCode.SubFunctionNotSupported);
                return;
            }

            int identifier = (request[2] << 8) | request[3];
            int index = table.IndexOf(identifier);
            if (index < 0 || !IsInSession(table.SessionMask(index)))
            {
                SendNegative(serviceId, UdsNegativeResponseCode.RequestOutOfRange);
                return;
            }

            if (!IsUnlocked(table.SecurityLevel(index)))
            {
                SendNegative(serviceId, UdsNegativeResponseCode.SecurityAccessDenied);
                return;
            }

            if ((controlType == StopRoutine && !table.SupportsStop(index)) || (controlType == RequestRoutineResults && !table.SupportsResults(index)))
            {
                SendNegative(serviceId, UdsNegativeResponseCode.SubFunctionNotSupported);
                return;
            }

            if (controlType != StartRoutine && !table.IsStarted(index))
            {
                SendNegative(serviceId, UdsNegativeResponseCode.RequestSequenceError);
                return;
            }

            IUdsRoutineHandler handler = table.Handler(index);
            int resultLength;
            byte code;
            if (controlType == StartRoutine)
            {
                code = handler.Start(identifier, request, 4, length - 4, response, RoutineResultOffset, out resultLength);
            }
            else if (controlType == StopRoutine)
            {
                code = handler.Stop(identifier, request, 4, length - 4, response, RoutineResultOffset, out resultLength);
            }
            else
            {
                code = handler.RequestResults(identifier, response, RoutineResultOffset, out resultLength);
            }

            if (code == UdsNegativeResponseCode.ResponsePending)
            {
                routinePending = true;
                pendingRoutineIndex = index;
                pendingRoutineIdentifier = identifier;
                pendingRoutineControlType = controlType;
                lastResponsePendingMicroseconds = now;
                SendNegative(serviceId, UdsNegativeResponseCode.ResponsePending);
                return;
            }

            FinishRoutineControl(index, identifier, controlType, code, resultLength, IsSuppressed(request));
        }

        private void PollPendingRoutine(long now)
        {
            int resultLength;
            byte code = Routines!.Handler(pendingRoutineIndex).Poll(pendingRoutineIdentifier, response, RoutineResultOffset, out resultLength);
            if (code == UdsNegativeResponseCode.ResponsePending)
            {
                if (now - lastResponsePendingMicroseconds >= ResponsePendingIntervalMicroseconds)
                {
                    lastResponsePendingMicroseconds = now;
                    SendNegative(UdsServiceId.RoutineControl, UdsNegativeResponseCode.ResponsePending);
                }

                return;
            }

            routinePending = false;

            // After responsePending the final positive response is sent even if the request suppressed it.
            FinishRoutineControl(pendingRoutineIndex, pendingRoutineIdentifier, pendingRoutineControlType, code, resultLength, false);
        }

        private void FinishRoutineControl(int index, int identifier, int controlType, byte code, int resultLength, bool suppress)
        {
            const byte serviceId = UdsServiceId.RoutineControl;
            if (code != UdsNegativeResponseCode.PositiveResponse)
            {
                SendNegative(serviceId, code);
                return;
            }

            if (controlType == StartRoutine)
            {
                Routines!.SetStarted(index, true);
            }
            else if (controlType == StopRoutine)
            {
                Routines!.SetStarted(index, false);
            }

            if (resultLength < 0 || resultLength > MaxMessageLengthBytes - RoutineResultOffset)
            {
                resultLength = 0;
            }

            response[1] = (byte)controlType;
            response[2] = (byte)(identifier >> 8);
            response[3] = (byte)identifier;
            SendPositive(serviceId, RoutineResultOffset + resultLength, suppress);
        }
    }
}
