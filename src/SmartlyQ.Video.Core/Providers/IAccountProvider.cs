using System;
using System.Threading;
using System.Threading.Tasks;
using SmartlyQ.Video.Core.Models;

namespace SmartlyQ.Video.Core.Providers
{
    /// <summary>
    /// Capability: the API says who the key belongs to. Connect uses it to check the key; a provider without an
    /// account endpoint checks the key with a cheap authenticated GET (its model or job list) and returns what it knows.
    /// </summary>
    public interface IAccountProvider
    {
        /// <summary>The key's account. A missing or invalid key: <see cref="VideoApiException"/> with <see cref="ApiErrorKind.Unauthorized"/>.</summary>
        Task<AccountInfo> GetAccountAsync(CancellationToken cancellationToken);
    }
}
