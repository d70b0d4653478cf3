using System;
using System.Threading;
using System.Threading.Tasks;
using SmartlyQ.Video.Core.Models;

namespace SmartlyQ.Video.Core.Providers
{
    /// <summary>Capability: the API reports the key's balance.</summary>
    public interface IBalanceProvider
    {
        /// <summary>The balance that can be spent now, in the provider's <see cref="WalletBalance.Currency"/> (e.g. <c>SQC</c>, <c>USD</c>).</summary>
        Task<WalletBalance> GetBalanceAsync(CancellationToken cancellationToken);
    }
}
