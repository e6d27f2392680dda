using System;
using Controllers.Firmware.Common.Can;
using Controllers.Firmware.Common.Scheduling;

namespace Controllers.Firmware.Common.Diagnostics
{
    /// <summary>
    /// Connects a <see cref="UdsServer"/> to an <see cref="IsoTpEndpoint"/>: each received ISO-TP message is
    /// a request, and each response is sent as an ISO-TP message. Register it with the executive after the
    /// endpoint. A response that arrives while the previous one is still being sent waits in the server
    /// and goes out on a later <see cref="Run"/>.
    /// </summary>
    public sealed class UdsIsoTpAdapter : IPeriodicTask
    {
        private readonly UdsServer server;
        private readonly IsoTpEndpoint endpoint;
        private readonly byte[] request = new byte[UdsServer.MaxMessageLengthBytes];
        private readonly byte[] response = new byte[UdsServer.MaxMessageLengthBytes];

        /// <summary>Creates the adapter and its two 4095-byte buffers.</summary>
        public UdsIsoTpAdapter(UdsServer server, IsoTpEndpoint endpoint)
        {
            if (server == null)
            {
                throw new ArgumentNullException("server");
            }

            if (endpoint == null)
            {
                throw new ArgumentNullException("endpoint");
            }

            this.server = server;
            this.endpoint = endpoint;
        }

        /// <summary>
        /// Passes a received request to the server, runs the server's timers and sends a waiting response.
        /// The server runs only while no response is being sent, so that an ECU reset waits until the
        /// positive response has left the endpoint.
        /// </summary>
        public void Run(long nowMicroseconds)
        {
            SendResponse();
            if (endpoint.IsMessageAvailable && !server.IsResponseAvailable)
            {
                int length = endpoint.ReadMessage(request, 0);
                server.HandleRequest(request, length);
                SendResponse();
            }

            if (!endpoint.IsTransmitting)
            {
                server.Run(nowMicroseconds);
                SendResponse();
            }
        }

        private void SendResponse()
        {
            if (!server.IsResponseAvailable || endpoint.IsTransmitting)
            {
                return;
            }

            int length = server.ReadResponse(response, 0);
            endpoint.TryStartTransmit(response, 0, length);
        }
    }
}
