using System.Management.Automation;
using System.Management.Automation.Runspaces;
using SmartlyQ.Video.Connections;
using SmartlyQ.Video.Core.Connections;
using SmartlyQ.Video.Pipeline;

namespace SmartlyQ.Video.Cmdlets
{
    /// <summary>
    /// Disconnect-SmartlyQ: closes a connection (the runspace's default, or -Connection) and releases its HTTP client;
    /// closing the default also clears it, so the next cmdlet says to run Connect-SmartlyQ. A closed connection
    /// passed with -Connection is refused with an error naming Connect-SmartlyQ. Not connected: does nothing.
    /// </summary>
    [Cmdlet(VerbsCommunications.Disconnect, "SmartlyQ", HelpUri = "https://github.com/smartlyq/SmartlyQ.Video/blob/main/docs/en-US/Disconnect-SmartlyQ.md")]
    public sealed class DisconnectSmartlyQCommand : ConnectedCmdletBase
    {
        /// <summary>Clears the default when it is the connection closed, then disposes that connection.</summary>
        protected override void EndProcessing()
        {
            // Read on the pipeline thread: DefaultRunspace is thread-static.
            Runspace? runspace = Runspace.DefaultRunspace;
            SmartlyQConnection? current = RunspaceConnections.Get(runspace);
            SmartlyQConnection? connection = Connection ?? current;
            if (connection == null)
            {
                WriteVerbose("Not connected to SmartlyQ; nothing to disconnect.");
                return;
            }

            if (runspace != null && RunspaceConnections.Remove(runspace, connection))
                WriteVerbose("Cleared the default connection of this runspace.");
            connection.Dispose();
            WriteVerbose("Disconnected from " + connection.BaseUri + ".");
        }
    }
}
