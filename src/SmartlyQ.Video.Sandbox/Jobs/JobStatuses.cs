namespace SmartlyQ.Video.Sandbox.Jobs
{
    /// <summary>Status names across both sources (API doc §8.1).</summary>
    internal static class JobStatuses
    {
        public const string Pending = "pending";
        public const string Queued = "queued";
        public const string Processing = "processing";
        public const string Completed = "completed";
        public const string Failed = "failed";
        public const string Cancelled = "cancelled";

        public static readonly string[] All = { Pending, Queued, Processing, Completed, Failed, Cancelled };

        public static bool IsWaiting(string status) => status == Pending || status == Queued;

        public static bool IsTerminal(string status) => status == Completed || status == Failed || status == Cancelled;
    }
}
