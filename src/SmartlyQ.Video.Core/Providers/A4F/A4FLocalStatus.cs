namespace SmartlyQ.Video.Core.Providers.A4F
{
    /// <summary>The words of <see cref="A4FLocalJob.Status"/>, also shown as the job's ProviderStatus.</summary>
    internal static class A4FLocalStatus
    {
        /// <summary>Waiting for one of the connection's request slots (nothing sent yet).</summary>
        public const string Queued = "queued";

        /// <summary>The POST is on its way or A4F is generating (the answer has not come).</summary>
        public const string Generating = "generating";

        /// <summary>The video is decoded into the local file.</summary>
        public const string Succeeded = "succeeded";

        /// <summary>A4F refused or failed the request (its error is recorded).</summary>
        public const string Failed = "failed";

        /// <summary>The request may have reached A4F but its answer was lost (cut, timed out, aborted): it may have been charged.</summary>
        public const string Uncertain = "uncertain";

        /// <summary>Stopped before anything was sent (Ctrl+C while it waited for a slot).</summary>
        public const string Cancelled = "cancelled";
    }
}
