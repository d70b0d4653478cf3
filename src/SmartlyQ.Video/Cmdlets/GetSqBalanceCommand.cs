using System.Management.Automation;
using SmartlyQ.Video.Core.Connections;
using SmartlyQ.Video.Core.Models;
using SmartlyQ.Video.Core.Operations;
using SmartlyQ.Video.Pipeline;

namespace SmartlyQ.Video.Cmdlets
{
    /// <summary>Get-SqBalance: gets the balance of the connection's provider, in its currency (SmartlyQ: the Developer API wallet in SQC, GET /me/balance); a provider without one gives a "not supported" error.</summary>
    [Cmdlet(VerbsCommon.Get, "SqBalance", HelpUri = "https://github.com/smartlyq/SmartlyQ.Video/blob/main/docs/en-US/Get-SqBalance.md")]
    [OutputType(typeof(WalletBalance))]
    public sealed class GetSqBalanceCommand : ConnectedCmdletBase
    {

        /// <summary>Writes the balance.</summary>
        protected override void ProcessRecord()
        {
            SmartlyQConnection connection = RequireConnection();
            RunOperation((sink, cancellationToken) => GetBalanceOperation.RunAsync(connection, sink, cancellationToken));
        }
    }
}
