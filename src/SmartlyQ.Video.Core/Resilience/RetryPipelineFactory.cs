using System;
using System.Globalization;
using System.Net.Http;
using System.Threading.Tasks;
using Polly;
using Polly.Retry;
using Polly.Timeout;
using SmartlyQ.Video.Core.Pacing;
using SmartlyQ.Video.Core.Transport;

namespace SmartlyQ.Video.Core.Resilience
{
    /// <summary>
    /// Builds the pipeline every HTTP attempt of a <see cref="HttpTransport"/> runs through, outermost first:
    /// <list type="number">
    /// <item>total timeout (<see cref="TransportOptions.TotalTimeout"/>, API calls only): bounds the logical call, retries and waits included;</item>
    /// <item>retry: up to <see cref="TransportOptions.MaxRetries"/> retries on 408, 429, 5xx, network errors and
    /// attempt timeouts not caused by the caller, as the request's <see cref="ReplayRule"/> allows (an
    /// <see cref="ReplayRule.Unsafe"/> POST only after failures that prove it never reached the server); exponential backoff with jitter from
    /// <see cref="TransportOptions.RetryBaseDelay"/>, or the answer's <c>Retry-After</c>, both capped at
    /// <see cref="TransportOptions.MaxRetryDelay"/>;</item>
    /// <item>pacing (<see cref="RequestPacer"/>): every attempt waits for a permit of the key's rate limit, outside the
    /// attempt timeout so a long wait is not mistaken for a hung server;</item>
    /// <item>attempt timeout (<see cref="TransportOptions.AttemptTimeout"/>): bounds one attempt.</item>
    /// </list>
    /// The operation text (e.g. <c>POST /videos/generate</c>) is the <see cref="ResilienceContext.OperationKey"/>.
    /// </summary>
    internal static class RetryPipelineFactory
    {
        /// <summary>Attempts started in this execution (set by the caller's callback).</summary>
        public static readonly ResiliencePropertyKey<int> Attempts = new ResiliencePropertyKey<int>("Transport.Attempts");

        /// <summary>What the last retried attempt failed with, e.g. "503 ServiceUnavailable".</summary>
        public static readonly ResiliencePropertyKey<string> LastFailure = new ResiliencePropertyKey<string>("Transport.LastFailure");

        /// <summary>Set when the total timeout, not the attempt timeout, ended the execution.</summary>
        public static readonly ResiliencePropertyKey<bool> TotalTimedOut = new ResiliencePropertyKey<bool>("Transport.TotalTimedOut");

        /// <summary>The request's replay rule; absent means <see cref="ReplayRule.Safe"/>.</summary>
        public static readonly ResiliencePropertyKey<ReplayRule> Replay = new ResiliencePropertyKey<ReplayRule>("Transport.Replay");

        /// <summary>When the total timeout runs out; a Retry-After that ends later is not waited for.</summary>
        public static readonly ResiliencePropertyKey<DateTimeOffset> Deadline = new ResiliencePropertyKey<DateTimeOffset>("Transport.Deadline");

        /// <summary>
        /// The pipeline; <paramref name="totalTimeout"/> is <see cref="TransportOptions.TotalTimeout"/> for API
        /// calls and <see cref="System.Threading.Timeout.InfiniteTimeSpan"/> for download requests. With a
        /// <paramref name="pacer"/>, each attempt passes it (the request's class is the context's
        /// <see cref="PacingStrategy.Priority"/>).
        /// </summary>
        public static ResiliencePipeline<HttpResponseMessage> Create(
            TransportOptions options, TimeSpan totalTimeout, TimeProvider timeProvider, Action<string>? log, ClientStatistics statistics,
            RequestPacer? pacer = null)
        {
            var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = timeProvider };

            if (TransportOptionsValidation.IsLimited(totalTimeout))
            {
                builder.AddTimeout(new TimeoutStrategyOptions
                {
                    Timeout = totalTimeout,
                    OnTimeout = args =>
                    {
                        args.Context.Properties.Set(TotalTimedOut, true);
                        return default;
                    },
                });
            }

            if (options.MaxRetries > 0) builder.AddRetry(Retry(options, timeProvider, log, statistics));

            if (pacer != null) builder.AddStrategy(_ => new PacingStrategy(pacer));

            if (TransportOptionsValidation.IsLimited(options.AttemptTimeout))
                builder.AddTimeout(new TimeoutStrategyOptions { Timeout = options.AttemptTimeout });

            return builder.Build();
        }

        private static RetryStrategyOptions<HttpResponseMessage> Retry(TransportOptions options, TimeProvider timeProvider, Action<string>? log, ClientStatistics statistics)
        {
            TimeSpan maxDelay = options.MaxRetryDelay;
            int maxRetries = options.MaxRetries;
            return new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = maxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                MaxDelay = maxDelay,
                ShouldHandle = args => new ValueTask<bool>(ShouldRetry(args.Outcome, args.Context, timeProvider, maxDelay, options.RateLimits)),

                // Polly does not cap generated delays with MaxDelay, so cap Retry-After here.
                DelayGenerator = args =>
                {
                    TimeSpan? asked = RetryAfterHeader.Read(args.Outcome.Result, timeProvider);
                    return new ValueTask<TimeSpan?>(asked.HasValue && asked.Value > maxDelay ? maxDelay : asked);
                },
                OnRetry = args =>
                {
                    string failure = TransientFailure.Describe(args.Outcome, args.Context.CancellationToken);
                    args.Context.Properties.Set(LastFailure, failure);
                    RetryCause? cause = TransientFailure.CauseOf(args.Outcome, args.Context.CancellationToken);
                    if (cause.HasValue) statistics.AddRetry(cause.Value);

                    log?.Invoke(string.Format(
                        CultureInfo.InvariantCulture,
                        "Retry {0}/{1} of {2} after {3}; waiting {4:0.0} s",
                        args.AttemptNumber + 1,
                        maxRetries,
                        args.Context.OperationKey,
                        failure,
                        args.RetryDelay.TotalSeconds));

                    // The failed answer is not used again; free its connection now.
                    args.Outcome.Result?.Dispose();
                    return default;
                },
            };
        }

        /// <summary>A Retry-After beyond this (e.g. NanoGPT's daily limits, until 00:00 UTC) is not retried: waiting the capped delay would only meet the same limit.</summary>
        internal static readonly TimeSpan HopelessRetryAfter = TimeSpan.FromMinutes(10);

        private static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, ResilienceContext context, TimeProvider timeProvider, TimeSpan maxDelay, IRateLimitReader? rateLimits)
        {
            if (!TransientFailure.ShouldRetry(outcome, context.CancellationToken)) return false;

            // Without an idempotency key a repeat could make a second job: only a request that never arrived is sent again.
            if (context.Properties.GetValue(Replay, ReplayRule.Safe) == ReplayRule.Unsafe && !TransientFailure.NeverReachedServer(outcome)
                && !(outcome.Result != null && rateLimits != null && rateLimits.IsLimiterRefusal(outcome.Result))) return false;

            if (outcome.Result != null)
            {
                TimeSpan? asked = RetryAfterHeader.Read(outcome.Result, timeProvider);
                // A quota that resets in hours (a daily limit) will not pass while a pipeline waits: report it now,
                // with its Retry-After, instead of retrying into it.
                if (asked.HasValue && asked.Value > HopelessRetryAfter) return false;

                // A Retry-After that ends after the total timeout would only turn a clear 429/503 into a timeout.
                if (asked.HasValue && context.Properties.TryGetValue(Deadline, out DateTimeOffset deadline)
                    && timeProvider.GetUtcNow() + (asked.Value > maxDelay ? maxDelay : asked.Value) >= deadline) return false;
            }
            return true;
        }
    }
}
