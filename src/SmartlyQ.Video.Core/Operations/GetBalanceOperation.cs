using System;
using System.Threading;
using System.Threading.Tasks;
using SmartlyQ.Video.Core.Connections;
using SmartlyQ.Video.Core.Diagnostics;
using SmartlyQ.Video.Core.Providers;

namespace SmartlyQ.Video.Core.Operations
{
    /// <summary>
    /// Get-SqBalance: writes the provider's balance (<see cref="IBalanceProvider"/>, e.g. SmartlyQ's <c>GET /me/balance</c>)
    /// as a <see cref="Models.WalletBalance"/>; a provider without one gives a "not supported by &lt;provider&gt;" error.
    /// </summary>
    public static class GetBalanceOperation
    {
        /// <summary>Writes one balance object; an API failure, or a provider without a balance, is a terminating error.</summary>
        public static async Task RunAsync(SmartlyQConnection connection, IOperationSink sink, CancellationToken cancellationToken)
        {
            using IDisposable log = VerboseLog.Use(sink);
            if (!(connection.Videos is IBalanceProvider balances))
                throw new OperationTerminatedException(Unsupported.Error(connection, "A balance (Get-SqBalance)", connection));
            try
            {
                sink.WriteObject(await balances.GetBalanceAsync(cancellationToken).ConfigureAwait(false));
            }
            catch (Exception ex) when (!(ex is OperationCanceledException))
            {
                throw new OperationTerminatedException(ApiErrorTranslator.ToError(ex, connection, "Get-SqBalance", connection.Videos));
            }
        }
    }
}
