using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Threading;
using Polly;
using Polly.Timeout;
using SmartlyQ.Video.Core.Transport;

namespace SmartlyQ.Video.Core.Resilience
{
    /// <summary>Which outcomes of one HTTP attempt are worth another attempt, and why.</summary>
    internal static class TransientFailure
    {
        /// <summary>429, 408 and every 5xx; never another 4xx (a 400/401/402/403/404/409/422 will not change on retry).</summary>
        public static bool IsTransient(HttpStatusCode status) => CauseOf(status).HasValue;

        /// <summary>The retry cause of an answer's status, or null when the status must not be retried.</summary>
        public static RetryCause? CauseOf(HttpStatusCode status)
        {
            int code = (int)status;
            if (code == 429) return RetryCause.RateLimited429;
            if (code == 408) return RetryCause.RequestTimeout408;
            if (code >= 500 && code <= 599) return RetryCause.ServerError5xx;
            return null;
        }

        /// <summary>
        /// Network failures and timeouts that the caller did not ask for: the attempt timeout
        /// (<see cref="TimeoutRejectedException"/>), and an <see cref="OperationCanceledException"/> while
        /// <paramref name="callerToken"/> is still live (the HTTP handler gave up waiting, not a cancellation).
        /// </summary>
        public static bool IsTransient(Exception exception, CancellationToken callerToken) => CauseOf(exception, callerToken).HasValue;

        /// <summary>The retry cause of a failed attempt, or null when it must not be retried.</summary>
        public static RetryCause? CauseOf(Exception exception, CancellationToken callerToken)
        {
            switch (exception)
            {
                case TimeoutRejectedException _:
                    return RetryCause.AttemptTimeout;
                case HttpRequestException _:
                case IOException _:
                    return RetryCause.NetworkError;
                case OperationCanceledException _:
                    return callerToken.IsCancellationRequested ? (RetryCause?)null : RetryCause.AttemptTimeout;
                default:
                    return null;
            }
        }

        public static RetryCause? CauseOf(Outcome<HttpResponseMessage> outcome, CancellationToken callerToken)
        {
            if (outcome.Exception != null) return CauseOf(outcome.Exception, callerToken);
            return outcome.Result == null ? null : CauseOf(outcome.Result.StatusCode);
        }

        public static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, CancellationToken callerToken) => CauseOf(outcome, callerToken).HasValue;

        /// <summary>
        /// True when the outcome proves the request was not acted on: the connection or name resolution failed (no
        /// byte of the request left), or the server refused it with 429 or 503 and said when to come back (Retry-After).
        /// A timeout, a reset after connecting or any other status may have followed a request the server acted on.
        /// </summary>
        public static bool NeverReachedServer(Outcome<HttpResponseMessage> outcome)
        {
            if (outcome.Result is HttpResponseMessage response)
            {
                int code = (int)response.StatusCode;
                return (code == 429 || code == 503) && response.Headers.RetryAfter != null;
            }

            return outcome.Exception != null && IsConnectFailure(outcome.Exception);
        }

        /// <summary>A refused, unreachable or unresolvable connection anywhere in the exception's chain.</summary>
        public static bool IsConnectFailure(Exception exception)
        {
            for (Exception? ex = exception; ex != null; ex = ex.InnerException)
            {
                if (ex is SocketException socket)
                {
                    switch (socket.SocketErrorCode)
                    {
                        case SocketError.ConnectionRefused:
                        case SocketError.HostNotFound:
                        case SocketError.HostUnreachable:
                        case SocketError.NetworkUnreachable:
                        case SocketError.NetworkDown:
                        case SocketError.NoData:
                        case SocketError.TryAgain:
                        case SocketError.AddressNotAvailable:
                            return true;
                    }
                }

                // .NET Framework reports connect failures as WebException statuses.
                if (ex is WebException web && (web.Status == WebExceptionStatus.ConnectFailure || web.Status == WebExceptionStatus.NameResolutionFailure
                                               || web.Status == WebExceptionStatus.ProxyNameResolutionFailure))
                    return true;
            }

            return false;
        }

        /// <summary>
        /// "503 ServiceUnavailable", "timeout: no answer within 30 s" or "HttpRequestException (…)" for the retry log
        /// line and the final timeout message.
        /// </summary>
        public static string Describe(Outcome<HttpResponseMessage> outcome, CancellationToken callerToken)
        {
            if (outcome.Result != null) return (int)outcome.Result.StatusCode + " " + outcome.Result.StatusCode;
            return Describe(outcome.Exception, callerToken);
        }

        public static string Describe(Exception? ex, CancellationToken callerToken)
        {
            switch (ex)
            {
                case null:
                    return "no answer";
                case TimeoutRejectedException timeout:
                    return "timeout: no answer within " + Seconds(timeout.Timeout);
                case OperationCanceledException _ when !callerToken.IsCancellationRequested:
                    return "timeout: the HTTP handler gave up waiting";
                default:
                    return WithCause(ex);
            }
        }

        /// <summary>
        /// "HttpRequestException (An error occurred while sending the request.; IOException: Connection reset by peer.)":
        /// the outer message is often generic, the innermost one says what happened.
        /// </summary>
        public static string WithCause(Exception ex)
        {
            Exception root = ex.GetBaseException();
            string text = ex.GetType().Name + " (" + ex.Message;
            if (!ReferenceEquals(root, ex) && root.Message != ex.Message) text += "; " + root.GetType().Name + ": " + root.Message;
            return text + ")";
        }

        /// <summary>"30 s", "0.5 s", "300 s".</summary>
        public static string Seconds(TimeSpan span)
            => span.TotalSeconds.ToString(span.TotalSeconds >= 10 || span.TotalSeconds == Math.Floor(span.TotalSeconds) ? "0" : "0.###", System.Globalization.CultureInfo.InvariantCulture) + " s";
    }
}
