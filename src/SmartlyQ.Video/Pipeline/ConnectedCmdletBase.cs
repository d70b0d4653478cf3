using System.Management.Automation;
using System.Management.Automation.Runspaces;
using SmartlyQ.Video.Connections;
using SmartlyQ.Video.Core.Connections;
using SmartlyQ.Video.Core.Operations;

namespace SmartlyQ.Video.Pipeline
{
    /// <summary>Base of the cmdlets that call the API through a connection: the shared <c>-Connection</c> parameter.</summary>
    public abstract class ConnectedCmdletBase : AsyncCmdletBase
    {
        /// <summary>The connection to use; default: the one from the last Connect-SmartlyQ in this runspace.</summary>
        [Parameter]
        public SmartlyQConnection? Connection { get; set; }

        /// <summary>-Connection, else this runspace's default; a terminating error says to run Connect-SmartlyQ when there is neither.</summary>
        protected SmartlyQConnection RequireConnection()
        {
            try
            {
                // Read on the pipeline thread: DefaultRunspace is thread-static.
                return ConnectionGuard.Require(Connection, RunspaceConnections.Get(Runspace.DefaultRunspace));
            }
            catch (OperationTerminatedException ex)
            {
                ThrowTerminatingError(ErrorRecords.From(ex.Error));
                throw; // not reached: ThrowTerminatingError always throws
            }
        }
    }
}
