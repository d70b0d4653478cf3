using System;
using System.Threading;
using System.Threading.Tasks;
using SmartlyQ.Video.Core.Models;

namespace SmartlyQ.Video.Core.Providers
{
    /// <summary>Capability: the API cancels (or deletes) a job that has not finished.</summary>
    public interface IJobCanceller
    {
        /// <summary>
        /// Cancels <paramref name="jobId"/> and returns the job as the API reports it afterwards (status
        /// <see cref="JobStatus.Cancelled"/> when the answer has no job). <paramref name="idempotencyKey"/> is sent by
        /// <see cref="IIdempotentSubmission"/> providers and ignored elsewhere. A job already finished gives
        /// <see cref="VideoApiException"/> with <see cref="ApiErrorKind.Conflict"/>.
        /// </summary>
        Task<JobSnapshot> CancelJobAsync(string jobId, string? idempotencyKey, CancellationToken cancellationToken);
    }
}
