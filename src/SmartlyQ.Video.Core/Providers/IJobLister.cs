using System;
using System.Threading;
using System.Threading.Tasks;
using SmartlyQ.Video.Core.Models;

namespace SmartlyQ.Video.Core.Providers
{
    /// <summary>Capability: the API lists the key's jobs, newest first, a page at a time.</summary>
    public interface IJobLister
    {
        /// <summary>
        /// One page of jobs matching <paramref name="query"/>, newest first. <see cref="JobPage.NextCursor"/> goes into
        /// the next query's <see cref="JobQuery.Cursor"/>; null means this was the last page. A status the API cannot
        /// filter by gives <see cref="System.ArgumentException"/> naming <c>Status</c>, and nothing is sent.
        /// </summary>
        Task<JobPage> ListJobsAsync(JobQuery query, CancellationToken cancellationToken);
    }
}
