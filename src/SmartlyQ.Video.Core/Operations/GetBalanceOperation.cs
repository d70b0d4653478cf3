using System;
using System.Threading;
using System.Threading.Tasks;
using SmartlyQ.Video.Core.Connections;
using SmartlyQ.Video.Core.Diagnostics;

namespace SmartlyQ.Video.Core.Operations
{
    /// <summary>Get-SqBalance: writes the wallet (<c>GET /me/balance</c>) as a <see cref="Models.WalletBalance"/>.</summary>
    public static class GetBalanceOperation
    {
        /// <summary>Writes one balance object; an API failure is a terminating error.</summary>
        public static async Task RunAsync(SmartlyQConnection connection, IOperationSink sink, CancellationToken cancellationToken)
        {
            using IDisposable log = VerboseLog.Use(sink);
            try
            {
                sink.WriteObject(await connection.AccountApi.GetBalanceAsync(cancellationToken).ConfigureAwait(false));
            }
            catch (Exception ex) when (!(ex is OperationCanceledException))
            {
                throw new OperationTerminatedException(ApiErrorTranslator.ToError(ex, connection, "Get-SqBalance"));
            }
        }
    }
}
