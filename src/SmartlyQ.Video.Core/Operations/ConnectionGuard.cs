using System;
using SmartlyQ.Video.Core.Connections;

namespace SmartlyQ.Video.Core.Operations
{
    /// <summary>Picks the connection a cmdlet uses: its -Connection, else the runspace's default.</summary>
    public static class ConnectionGuard
    {
        /// <summary>Throws <see cref="OperationTerminatedException"/> telling the user to run Connect-SmartlyQ when there is neither.</summary>
        public static SmartlyQConnection Require(SmartlyQConnection? explicitConnection, SmartlyQConnection? runspaceDefault)
        {
            SmartlyQConnection? connection = explicitConnection ?? runspaceDefault;
            if (connection != null) return connection;
            throw new OperationTerminatedException(new OperationError(
                new InvalidOperationException("Not connected to SmartlyQ. Run Connect-SmartlyQ first (or pass -Connection)."),
                "NotConnected", ErrorKind.InvalidOperation, null, null,
                "Run Connect-SmartlyQ -ApiKey (Read-Host -AsSecureString), or set SMARTLYQ_API_KEY and run Connect-SmartlyQ."));
        }
    }
}
