using System;
using System.IO;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace SmartlyQ.Video.Sandbox.Chaos
{
    /// <summary>
    /// Applies <see cref="SandboxChaos"/> decisions. Runs after routing (it needs the route name) and before auth,
    /// idempotency and the endpoint, so early faults (reset, 5xx, 429) provably have no side effects.
    /// </summary>
    internal sealed class ChaosMiddleware
    {
        private readonly RequestDelegate _next;
        private readonly SandboxChaos _chaos;
        private readonly SandboxOptions _options;

        public ChaosMiddleware(RequestDelegate next, SandboxChaos chaos, SandboxOptions options)
        {
            _next = next;
            _chaos = chaos;
            _options = options;
        }

        public async Task InvokeAsync(HttpContext context)
        {
            var route = ChaosRoutes.Match(context);
            var decision = route == null ? ChaosDecision.None : _chaos.Decide(route);
            if (route == null || decision == ChaosDecision.None)
            {
                await _next(context);
                return;
            }

            if (decision.Delay is TimeSpan delay)
            {
                _chaos.Counters.Add(ChaosFault.SlowResponse);
                try { await Task.Delay(delay, context.RequestAborted); }
                catch (OperationCanceledException) { return; } // the client gave up: the endpoint never runs
            }

            switch (decision.Early)
            {
                case EarlyFault.ConnectionReset:
                    _chaos.Counters.Add(ChaosFault.ConnectionReset);
                    context.Abort();
                    return;
                case EarlyFault.ServerError:
                    _chaos.Counters.Add(ChaosFault.ServerError);
                    await ServerErrorFault.WriteAsync(context, decision.ServerErrorStatus, decision.HtmlBody);
                    return;
                case EarlyFault.RateLimitBurst:
                    _chaos.Counters.Add(ChaosFault.RateLimitBurst);
                    await RateLimitBurstFault.WriteAsync(context, decision.RetryAfterSeconds, _options.RateLimitPermits);
                    return;
            }

            if (route.IsGenerate && decision.AcceptThenDrop)
                await AcceptThenDropAsync(context);
            else if (route.IsFileDownload && (decision.TruncateShare != null || decision.ExtraLengthShare != null))
                await FaultyDownloadAsync(context, decision);
            else
                await _next(context);
        }

        /// <summary>Runs the endpoint into a buffer; if it created a job, the answer is thrown away and the connection aborted.</summary>
        private async Task AcceptThenDropAsync(HttpContext context)
        {
            var original = context.Response.Body;
            using var buffer = new MemoryStream();
            context.Response.Body = buffer;
            try
            {
                await _next(context);
            }
            finally
            {
                context.Response.Body = original;
            }

            if (AcceptedJobMark.IsSet(context))
            {
                // Job, charge and idempotency record all exist now; only the client never hears about them.
                _chaos.Counters.Add(ChaosFault.AcceptThenDrop);
                context.Abort();
                return;
            }
            buffer.Position = 0;
            await buffer.CopyToAsync(original, context.RequestAborted);
        }

        private async Task FaultyDownloadAsync(HttpContext context, ChaosDecision decision)
        {
            var original = context.Response.Body;
            var body = new FaultyDownloadBody(context, original, decision.TruncateShare, decision.ExtraLengthShare);
            context.Response.Body = body;
            try
            {
                await _next(context);
            }
            catch (OperationCanceledException) when (body.Cut)
            {
                // Our own cut, surfacing through an executor that does not swallow cancellation.
            }
            finally
            {
                context.Response.Body = original;
            }

            if (body.Cut)
            {
                _chaos.Counters.Add(ChaosFault.TruncatedDownload);
            }
            else if (body.Inflated)
            {
                _chaos.Counters.Add(ChaosFault.WrongContentLength);
                await ChaosAbort.AfterDeliveryAsync(context, original);
            }
        }
    }
}
