using System;
using SmartlyQ.Video.Core.Models;

namespace SmartlyQ.Video.Core.Providers.NanoGPT
{
    /// <summary>
    /// NanoGPT's status words in neutral terms, compared case-insensitively: the unified status endpoint's upper-case
    /// <c>IN_QUEUE</c>/<c>IN_PROGRESS</c>/<c>COMPLETED</c>/<c>FAILED</c>/<c>CANCELED</c>, its OpenAPI schema's lower-case
    /// <c>queued</c>/<c>processing</c>/<c>completed</c>/<c>failed</c>/<c>cancelled</c>/<c>unknown</c>, the submit answer's
    /// <c>pending</c>, and the intermediate <c>generating</c>/<c>delivering</c> some providers emit.
    /// </summary>
    internal static class NanoGptStatus
    {
        /// <summary>The neutral status; a word not listed (or none) is <see cref="JobStatus.Unknown"/>, which is treated as still running.</summary>
        public static JobStatus ToNeutral(string? status)
        {
            switch ((status ?? "").Trim().ToUpperInvariant())
            {
                case "IN_QUEUE":
                case "QUEUED":
                case "PENDING":
                    return JobStatus.Queued;
                case "IN_PROGRESS":
                case "PROCESSING":
                case "GENERATING":
                case "DELIVERING":
                case "RUNNING":
                    return JobStatus.Running;
                case "COMPLETED":
                case "SUCCEEDED":
                case "SUCCESS":
                    return JobStatus.Succeeded;
                case "FAILED":
                case "ERROR":
                    return JobStatus.Failed;
                case "CANCELED":
                case "CANCELLED":
                    return JobStatus.Cancelled;
                default:
                    return JobStatus.Unknown;
            }
        }
    }
}
