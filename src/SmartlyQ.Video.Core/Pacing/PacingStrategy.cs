using System;
using System.Net.Http;
using System.Threading.Tasks;
using Polly;
using SmartlyQ.Video.Core.Transport;

namespace SmartlyQ.Video.Core.Pacing
{
    /// <summary>
    /// The <see cref="RequestPacer"/> as a step of the client's resilience pipeline, between the retry and the
    /// attempt timeout: every attempt, each retry included, waits for its permit before it is sent, and the wait
    /// does not count against <see cref="Transport.TransportOptions.AttemptTimeout"/> (it does count against the
    /// call's total timeout). The request's class comes from the context's <see cref="Priority"/> property.
    /// </summary>
    internal sealed class PacingStrategy : ResilienceStrategy<HttpResponseMessage>
    {
        /// <summary>The class of the request this execution sends; absent means <see cref="RequestPriority.Unpaced"/>.</summary>
        public static readonly ResiliencePropertyKey<RequestPriority> Priority = new ResiliencePropertyKey<RequestPriority>("Transport.Priority");

        private readonly RequestPacer _pacer;

        public PacingStrategy(RequestPacer pacer) => _pacer = pacer ?? throw new ArgumentNullException(nameof(pacer));

        protected override async ValueTask<Outcome<HttpResponseMessage>> ExecuteCore<TState>(
            Func<ResilienceContext, TState, ValueTask<Outcome<HttpResponseMessage>>> callback, ResilienceContext context, TState state)
        {
            RequestPriority priority = context.Properties.GetValue(Priority, RequestPriority.Unpaced);
            PacerLease lease;
            try
            {
                lease = await _pacer.AcquireAsync(priority, context.OperationKey ?? "request", context.CancellationToken).ConfigureAwait(context.ContinueOnCapturedContext);
            }
            catch (Exception ex)
            {
                // Cancelled (the caller or the total timeout) or disposed while waiting: nothing was sent.
                return Outcome.FromException<HttpResponseMessage>(ex);
            }

            Outcome<HttpResponseMessage> outcome = default;
            try
            {
                outcome = await callback(context, state).ConfigureAwait(context.ContinueOnCapturedContext);
                return outcome;
            }
            finally
            {
                _pacer.Complete(lease, outcome.Result);
            }
        }
    }
}
