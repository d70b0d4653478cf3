using SmartlyQ.Video.Core.Models;
using SmartlyQ.Video.Core.Providers.NewApi;

namespace SmartlyQ.Video.Core.Providers.Jimeng
{
    /// <summary>
    /// Jimeng's task statuses in neutral terms. Volcengine's own words (<c>data.status</c> of CVSync2AsyncGetResult,
    /// research-2026-12/kling-official-vs-newapi.md §3): <c>in_queue</c> (queued), <c>generating</c> (running),
    /// <c>done</c> (succeeded), <c>expired</c> (failed: the result is gone), <c>not_found</c> (no such task, which the
    /// client raises as NotFound). Through new-api the answer is the task envelope, whose upper-case words
    /// <see cref="NewApiStatus"/> maps.
    /// </summary>
    internal static class JimengStatus
    {
        /// <summary>Volcengine's word for a task it does not know (a 200 answer).</summary>
        public const string NotFound = "not_found";

        /// <summary>Volcengine's word for a task whose result is no longer kept.</summary>
        public const string Expired = "expired";

        /// <summary>The neutral status of a Volcengine word (lower-case) or a new-api task word (upper-case); another word is <see cref="JobStatus.Unknown"/>.</summary>
        public static JobStatus ToNeutral(string? status)
        {
            switch ((status ?? "").Trim())
            {
                case "in_queue":
                    return JobStatus.Queued;
                case "generating":
                    return JobStatus.Running;
                case "done":
                    return JobStatus.Succeeded;
                case Expired:
                    return JobStatus.Failed;
                default:
                    return NewApiStatus.ToNeutral(status);
            }
        }
    }
}
