using System;
using SmartlyQ.Video.Core.Models;

namespace SmartlyQ.Video.Core.Providers.OpenAI
{
    /// <summary>
    /// OpenAI's video states (<c>queued</c>, <c>in_progress</c>, <c>completed</c>, <c>failed</c>) in neutral terms, and
    /// the words new-api gateways relay (<c>NOT_START</c>, <c>SUBMITTED</c>, <c>QUEUED</c>, <c>IN_PROGRESS</c>, <c>SUCCESS</c>,
    /// <c>FAILURE</c>; upstream <c>processing</c>, <c>succeeded</c>, <c>cancelled</c>, <c>expired</c>), any case.
    /// </summary>
    internal static class OpenAIStatus
    {
        public static JobStatus ToNeutral(string? status)
        {
            switch ((status ?? "").Trim().ToLowerInvariant())
            {
                case "queued":
                case "not_start":
                case "submitted":
                case "pending":
                    return JobStatus.Queued;
                case "in_progress":
                case "processing":
                case "running":
                    return JobStatus.Running;
                case "completed":
                case "success":
                case "succeeded":
                    return JobStatus.Succeeded;
                case "failed":
                case "failure":
                case "expired":
                    return JobStatus.Failed;
                case "cancelled":
                case "canceled":
                    return JobStatus.Cancelled;
                default:
                    return JobStatus.Unknown;
            }
        }
    }
}
