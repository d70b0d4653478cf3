using System;
using System.Collections.Generic;

namespace SmartlyQ.Video.Sandbox
{
    /// <summary>
    /// Settings of one sandbox instance. Bindable from the configuration section <c>Sandbox</c>
    /// (e.g. <c>--Sandbox:FailureRate=0.2</c>).
    /// </summary>
    public sealed class SandboxOptions
    {
        /// <summary>Configuration section the command-line host binds.</summary>
        public const string SectionName = "Sandbox";

        /// <summary>Accepted keys; default: <see cref="SandboxServer.LiveKey"/> and <see cref="SandboxServer.TestKey"/>, all scopes, 100 SQC each.</summary>
        public List<SandboxKey> Keys { get; set; } = DefaultKeys();

        /// <summary>Requests per <see cref="RateLimitWindow"/> per API key (at least 1).</summary>
        public int RateLimitPermits { get; set; } = 60;

        /// <summary>Length of one fixed rate-limit window.</summary>
        public TimeSpan RateLimitWindow { get; set; } = TimeSpan.FromMinutes(1);

        /// <summary>How long a job reports <see cref="InitialJobStatus"/> before it starts processing.</summary>
        public TimeSpan QueuedDuration { get; set; } = TimeSpan.FromSeconds(1);

        /// <summary>
        /// How long a job stays <c>processing</c> before it completes or fails; the shortest processing time when
        /// <see cref="ProcessingDurationMax"/> is set.
        /// </summary>
        public TimeSpan ProcessingDuration { get; set; } = TimeSpan.FromSeconds(2);

        /// <summary>
        /// Null (default): every job processes for exactly <see cref="ProcessingDuration"/>. Set: each job's processing
        /// time is drawn once, when it is created, uniformly from [<see cref="ProcessingDuration"/>, this], from its own
        /// sequence seeded by <see cref="Seed"/> (the n-th job of a run gets the same time whatever <see cref="FailureRate"/>
        /// is). A job's whole life is <see cref="QueuedDuration"/> plus that draw (see <see cref="SandboxServer.GetJobTimeline"/>).
        /// </summary>
        public TimeSpan? ProcessingDurationMax { get; set; }

        /// <summary>Share (0..1) of jobs that fail at the provider; their charge is refunded.</summary>
        public double FailureRate { get; set; }

        /// <summary>Seed of the failure draw, for repeatable runs; null = random.</summary>
        public int? Seed { get; set; }

        /// <summary>Status <c>GET /jobs/{id}</c> reports while a job waits: <c>pending</c> (docs) or <c>queued</c> (OpenAPI).</summary>
        public string InitialJobStatus { get; set; } = "pending";

        /// <summary>Error code set: <c>openapi</c> (e.g. <c>RATE_LIMIT_EXCEEDED</c>) or <c>docs</c> (e.g. <c>RATE_LIMITED</c>).</summary>
        public string ErrorCodeStyle { get; set; } = "openapi";

        /// <summary>0 = serve the clip plus a small job-specific <c>free</c> box; otherwise the total size of every served file.</summary>
        public long VideoSizeBytes { get; set; }

        /// <summary>
        /// 0 (default) = as fast as possible; otherwise each <c>/files/…</c> answer sends its body at about this many
        /// bytes per second (real time), so a test can stop a client in the middle of a download.
        /// </summary>
        public long DownloadBytesPerSecond { get; set; }

        /// <summary>Model catalog of <c>GET /videos/models</c>; default: kling-v2-1, pixverse-v4-5, veo-3, seedance-1-pro.</summary>
        public List<SandboxModel> Models { get; set; } = DefaultModels.Create();

        /// <summary>
        /// Fault injection at start (section <c>Sandbox:Chaos</c>); default: off. Copied at start: change a running
        /// sandbox through <see cref="SandboxServer.Chaos"/> (or <c>PUT /sandbox/chaos</c>), not through this instance.
        /// </summary>
        public ChaosOptions Chaos { get; set; } = new ChaosOptions();

        /// <summary>The OpenAI Videos emulator at <c>/openai/v1</c> (section <c>Sandbox:OpenAI</c>): keys, poll interval, usage price.</summary>
        public OpenAISandboxOptions OpenAI { get; set; } = new OpenAISandboxOptions();

        /// <summary>The NanoGPT video emulator at <c>/nanogpt/api</c> (section <c>Sandbox:NanoGpt</c>): keys and their USD balances.</summary>
        public NanoGptSandboxOptions NanoGpt { get; set; } = new NanoGptSandboxOptions();

        /// <summary>The new-api gateway emulator at <c>/newapi</c> (section <c>Sandbox:NewApi</c>): its keys, shared by every dialect it serves.</summary>
        public NewApiSandboxOptions NewApi { get; set; } = new NewApiSandboxOptions();

        /// <summary>The A4F emulator at <c>/a4f/v1</c> (section <c>Sandbox:A4F</c>): its keys and the generation's delay.</summary>
        public A4FSandboxOptions A4F { get; set; } = new A4FSandboxOptions();

        /// <summary>Clock for job timings, idempotency expiry and timestamps; tests may pass a manual one. Not bound from configuration.</summary>
        public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

        internal static List<SandboxKey> DefaultKeys() => new List<SandboxKey>
        {
            new SandboxKey { Key = SandboxServer.LiveKey, Scopes = new List<string> { "*" }, Balance = 100m },
            new SandboxKey { Key = SandboxServer.TestKey, Scopes = new List<string> { "*" }, Balance = 100m },
        };
    }
}
