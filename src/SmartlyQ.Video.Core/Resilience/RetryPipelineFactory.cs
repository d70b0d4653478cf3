using System;
using System.Globalization;
using System.Net.Http;
using System.Threading.Tasks;
using Polly;
using Polly.Retry;
using SmartlyQ.Video.Core.Api;

namespace SmartlyQ.Video.Core.Resilience
{
    /// <summary>
    /// Builds the retry pipeline every HTTP attempt of a <see cref="SmartlyQClient"/> runs through: up to
    /// <see cref="SmartlyQClientOptions.MaxRetries"/> retries on 429, 408, 5xx, network errors and timeouts not caused
    /// by the caller; exponential backoff with jitter from <see cref="SmartlyQClientOptions.RetryBaseDelay"/>, or the
    /// answer's <c>Retry-After</c>, both capped at <see cref="SmartlyQClientOptions.MaxRetryDelay"/>.
    /// The operation text (e.g. <c>POST /videos/generate</c>) is the <see cref="ResilienceContext.OperationKey"/>.
    /// </summary>
    internal static class RetryPipelineFactory
    {
        public static ResiliencePipeline<HttpResponseMessage> Create(SmartlyQClientOptions options, TimeProvider timeProvider, Action<string>? log)
        {
            if (options.MaxRetries <= 0) return ResiliencePipeline<HttpResponseMessage>.Empty;

            TimeSpan maxDelay = options.MaxRetryDelay;
            int maxRetries = options.MaxRetries;
            var retry = new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = maxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                MaxDelay = maxDelay,
                ShouldHandle = args => new ValueTask<bool>(TransientFailure.ShouldRetry(args.Outcome, args.Context.CancellationToken)),

                // Polly does not cap generated delays with MaxDelay, so cap Retry-After here.
                DelayGenerator = args =>
                {
                    TimeSpan? asked = RetryAfterHeader.Read(args.Outcome.Result, timeProvider);
                    return new ValueTask<TimeSpan?>(asked.HasValue && asked.Value > maxDelay ? maxDelay : asked);
                },
                OnRetry = args =>
                {
                    log?.Invoke(string.Format(
                        CultureInfo.InvariantCulture,
                        "Retry {0}/{1} of {2} after {3}; waiting {4:0.0} s",
                        args.AttemptNumber + 1,
                        maxRetries,
                        args.Context.OperationKey,
                        TransientFailure.Describe(args.Outcome, args.Context.CancellationToken),
                        args.RetryDelay.TotalSeconds));

                    // The failed answer is not used again; free its connection now.
                    args.Outcome.Result?.Dispose();
                    return default;
                },
            };

            return new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = timeProvider }
                .AddRetry(retry)
                .Build();
        }
    }
}
