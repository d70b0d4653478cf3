using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Threading;
using Polly;

namespace SmartlyQ.Video.Core.Resilience
{
    /// <summary>Which outcomes of one HTTP attempt are worth another attempt.</summary>
    internal static class TransientFailure
    {
        /// <summary>429, 408 and every 5xx; never another 4xx (a 400/401/402/403/404/409/422 will not change on retry).</summary>
        public static bool IsTransient(HttpStatusCode status)
        {
            int code = (int)status;
            return code == 429 || code == 408 || code >= 500 && code <= 599;
        }

        /// <summary>
        /// Network failures, and timeouts that the caller did not ask for: an <see cref="OperationCanceledException"/>
        /// while <paramref name="callerToken"/> is still live is HttpClient's timeout, not a cancellation.
        /// </summary>
        public static bool IsTransient(Exception exception, CancellationToken callerToken)
        {
            switch (exception)
            {
                case HttpRequestException _:
                case IOException _:
                    return true;
                case OperationCanceledException _:
                    return !callerToken.IsCancellationRequested;
                default:
                    return false;
            }
        }

        public static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, CancellationToken callerToken)
        {
            if (outcome.Exception != null) return IsTransient(outcome.Exception, callerToken);
            return outcome.Result != null && IsTransient(outcome.Result.StatusCode);
        }

        /// <summary>"503 ServiceUnavailable", "timeout" or "HttpRequestException (…)" for the retry log line.</summary>
        public static string Describe(Outcome<HttpResponseMessage> outcome, CancellationToken callerToken)
        {
            if (outcome.Result != null) return (int)outcome.Result.StatusCode + " " + outcome.Result.StatusCode;
            Exception? ex = outcome.Exception;
            if (ex is OperationCanceledException && !callerToken.IsCancellationRequested) return "timeout";
            return ex == null ? "no answer" : ex.GetType().Name + " (" + ex.Message + ")";
        }
    }
}
