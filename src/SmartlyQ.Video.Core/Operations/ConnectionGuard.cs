using System;
using System.Linq;
using SmartlyQ.Video.Core.Connections;
using SmartlyQ.Video.Core.Providers;

namespace SmartlyQ.Video.Core.Operations
{
    /// <summary>Picks the connection a cmdlet uses: its -Connection, else the runspace's default.</summary>
    public static class ConnectionGuard
    {
        /// <summary>
        /// Throws <see cref="OperationTerminatedException"/> telling the user to run Connect-SmartlyQ when there is
        /// neither, or when the connection was closed (Disconnect-SmartlyQ or Dispose).
        /// </summary>
        public static SmartlyQConnection Require(SmartlyQConnection? explicitConnection, SmartlyQConnection? runspaceDefault)
        {
            SmartlyQConnection? connection = explicitConnection ?? runspaceDefault;
            if (connection == null)
            {
                throw new OperationTerminatedException(new OperationError(
                    new InvalidOperationException("Not connected. Run Connect-SmartlyQ first (or pass -Connection)."),
                    "NotConnected", ErrorKind.InvalidOperation, null, null,
                    "Run Connect-SmartlyQ -ApiKey (Read-Host -AsSecureString), or set " + KeyVariables() + " and run Connect-SmartlyQ."));
            }

            if (connection.IsDisposed)
            {
                throw new OperationTerminatedException(new OperationError(
                    new InvalidOperationException("The connection to " + connection.BaseUri + " was closed (Disconnect-SmartlyQ or Dispose) and cannot be used again. Run Connect-SmartlyQ to connect again."),
                    "ConnectionClosed", ErrorKind.InvalidOperation, connection, null,
                    "Run Connect-SmartlyQ (with -PassThru for a connection to pass with -Connection)."));
            }

            return connection;
        }

        /// <summary>"SMARTLYQ_API_KEY" (or "SMARTLYQ_API_KEY or OPENAI_API_KEY …"): each provider's key variable.</summary>
        private static string KeyVariables() => string.Join(" or ", ProviderRegistry.All.Select(e => e.ApiKeyEnvironmentVariable));
    }
}
