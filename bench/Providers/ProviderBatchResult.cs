using SmartlyQ.Video.Sandbox;

namespace SmartlyQ.Video.Bench.Providers
{
    /// <summary>What one provider's batch measured: the batch row per provider.</summary>
    internal sealed class ProviderBatchResult
    {
        public string Provider { get; set; } = "";
        public int Rows { get; set; }
        public int Saved { get; set; }
        public int Verified { get; set; }
        public int Errors { get; set; }
        public string? FirstError { get; set; }
        public TimeSpan Makespan { get; set; }

        /// <summary>Requests the key's limiter counted (server side).</summary>
        public long KeyedRequests { get; set; }

        /// <summary>The key's rate in requests per second.</summary>
        public double RatePerSecond { get; set; }

        public TimeSpan SlowestJobDuration { get; set; }
        public TimeSpan SlowestDownload { get; set; }

        /// <summary>The floor: the larger of keyed requests ÷ rate and the slowest job + its download.</summary>
        public TimeSpan Floor => TimeSpan.FromTicks(Math.Max(TimeSpan.FromSeconds(KeyedRequests / RatePerSecond).Ticks, (SlowestJobDuration + SlowestDownload).Ticks));

        public long ClientRequests { get; set; }
        public long Client429 { get; set; }
        public SandboxRequestCounts Server { get; set; } = null!;

        /// <summary>True when the client knows the key's limit and paces by it (IRateBudget): from the answers' headers, or the API's documented one.</summary>
        public bool SendsLimits { get; set; }

        public double RequestsPerVideo => Saved == 0 ? double.NaN : (double)Math.Max(ClientRequests, Server.Requests) / Saved;
    }
}
