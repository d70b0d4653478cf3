using System;
using System.Collections.Generic;

namespace SmartlyQ.Video.Sandbox
{
    /// <summary>
    /// Fault injection ("chaos mode"): each knob is the share (0..1) of eligible requests that get that fault.
    /// Bindable from <c>Sandbox:Chaos</c> (e.g. <c>--Sandbox:Chaos:ServerErrorRate=0.1</c>), settable in
    /// <see cref="SandboxOptions.Chaos"/> and at run time with <see cref="SandboxChaos.Set"/>.
    /// The ledger and other <c>/sandbox/…</c> routes are never faulted; faults ignore the key mode.
    /// </summary>
    public sealed class ChaosOptions
    {
        /// <summary>Answer 500, 502 or 503 before the endpoint runs (no side effects); 502/503 sometimes with an HTML gateway page.</summary>
        public double ServerErrorRate { get; set; }

        /// <summary>Answer 429 <c>RATE_LIMIT_EXCEEDED</c> with <c>Retry-After</c> before the endpoint runs, whatever the client's pace.</summary>
        public double RateLimitBurstRate { get; set; }

        /// <summary><c>Retry-After</c> seconds of an injected 429 (default 1).</summary>
        public int RateLimitRetryAfterSeconds { get; set; } = 1;

        /// <summary>Abort the connection before the endpoint runs: the client sees a network error, nothing happened server-side.</summary>
        public double ConnectionResetRate { get; set; }

        /// <summary>
        /// <c>POST /v1/videos/generate</c> only: the job is created, charged and its idempotency record stored, then the
        /// connection is aborted before the 202 reaches the client. Replays (same idempotency key) are never dropped.
        /// </summary>
        public double AcceptThenDropRate { get; set; }

        /// <summary>Wait <see cref="SlowResponseDelay"/> before the endpoint runs (a client that gives up first changes nothing).</summary>
        public double SlowResponseRate { get; set; }

        /// <summary>Delay of a slow response (default 2 s).</summary>
        public TimeSpan SlowResponseDelay { get; set; } = TimeSpan.FromSeconds(2);

        /// <summary>
        /// <c>GET /files/{job_uid}.mp4</c> only (200 and 206): headers carry the full Content-Length, then the body is cut
        /// after 10–90 % of it (at least 1 byte, never all) by aborting the connection. Range requests keep working.
        /// </summary>
        public double TruncatedDownloadRate { get; set; }

        /// <summary>
        /// <c>GET /files/{job_uid}.mp4</c> only: Content-Length declares 1–25 % (at least 1 byte) more than the body,
        /// the real bytes are sent, then the connection is aborted.
        /// </summary>
        public double WrongContentLengthRate { get; set; }

        /// <summary>
        /// Seed of the fault draws; null = <see cref="SandboxOptions.Seed"/>, or random when that is null too.
        /// Request n's decisions depend only on the seed and n, so the same request order gives the same faults.
        /// Passing a seed to <see cref="SandboxChaos.Set"/> restarts the sequence; null continues it.
        /// </summary>
        public int? Seed { get; set; }

        /// <summary>
        /// Overrides per route or route group, knob by knob (a null knob inherits): an exact route name such as
        /// <c>POST /v1/videos/generate</c> wins over its group (<c>generate</c>, <c>jobs</c>, <c>files</c>,
        /// <c>models</c>, <c>account</c>), which wins over the global values. See <see cref="ChaosRouteNames"/>.
        /// </summary>
        public Dictionary<string, ChaosRouteOptions> Routes { get; set; } = new Dictionary<string, ChaosRouteOptions>(StringComparer.OrdinalIgnoreCase);

        /// <summary>True when any rate, global or per route, is above 0.</summary>
        public bool IsEnabled()
        {
            if (ServerErrorRate > 0 || RateLimitBurstRate > 0 || ConnectionResetRate > 0 || AcceptThenDropRate > 0
                || SlowResponseRate > 0 || TruncatedDownloadRate > 0 || WrongContentLengthRate > 0) return true;
            foreach (var route in Routes.Values)
                if (route != null && route.HasAnyRate()) return true;
            return false;
        }

        /// <summary>A deep copy (the running sandbox keeps its own, so later edits of this instance change nothing).</summary>
        public ChaosOptions Clone()
        {
            var copy = (ChaosOptions)MemberwiseClone();
            copy.Routes = new Dictionary<string, ChaosRouteOptions>(StringComparer.OrdinalIgnoreCase);
            foreach (var pair in Routes) copy.Routes[pair.Key] = pair.Value?.Clone() ?? new ChaosRouteOptions();
            return copy;
        }
    }
}
