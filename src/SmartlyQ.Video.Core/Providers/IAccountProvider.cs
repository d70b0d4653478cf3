using System.Threading;
using System.Threading.Tasks;
using SmartlyQ.Video.Core.Models;

namespace SmartlyQ.Video.Core.Providers
{
    /// <summary>Account endpoints of an API: who the key is (checked on connect) and the wallet balance.</summary>
    public interface IAccountProvider
    {
        /// <summary><c>GET /me</c>. A missing or invalid key: <see cref="Api.SmartlyQApiException"/> with status 401.</summary>
        Task<AccountInfo> GetAccountAsync(CancellationToken cancellationToken);

        /// <summary><c>GET /me/balance</c>: the wallet in SQC.</summary>
        Task<WalletBalance> GetBalanceAsync(CancellationToken cancellationToken);
    }
}
