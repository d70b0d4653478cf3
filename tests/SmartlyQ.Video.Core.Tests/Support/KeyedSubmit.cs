using System.Threading;
using System.Threading.Tasks;
using SmartlyQ.Video.Core.Models;
using SmartlyQ.Video.Core.Providers;
using SmartlyQ.Video.Core.Tests.Support;

namespace SmartlyQ.Video.Core.Tests.Support
{
    /// <summary>Tests submit with a key as their second argument, as SmartlyQ's keyed POSTs always are.</summary>
    internal static class KeyedSubmit
    {
        public static Task<JobSubmission> SubmitAsync(this IVideoProvider provider, VideoRequest request, string idempotencyKey, CancellationToken cancellationToken)
            => provider.SubmitAsync(request, new SubmitOptions { IdempotencyKey = idempotencyKey }, cancellationToken);
    }
}
