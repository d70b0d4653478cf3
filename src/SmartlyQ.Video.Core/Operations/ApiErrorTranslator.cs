using System;
using System.Linq;
using System.Net.Http;
using SmartlyQ.Video.Core.Providers;

namespace SmartlyQ.Video.Core.Operations
{
    /// <summary>Turns what a provider call threw into the <see cref="OperationError"/> the user sees.</summary>
    internal static class ApiErrorTranslator
    {
        /// <summary>
        /// Maps <paramref name="exception"/> to an error; <paramref name="subject"/> (e.g. "job job_…") prefixes the
        /// message so a batch's errors say which record they are about. The advice is the provider's
        /// (<see cref="VideoApiException.Advice"/>) where it gave one; for an unreachable API it says a rerun is
        /// safe only where <paramref name="provider"/> takes idempotency keys.
        /// </summary>
        public static OperationError ToError(Exception exception, object? target, string subject, IVideoProvider? provider = null)
        {
            switch (exception)
            {
                case VideoApiException api:
                    VideoApiException wrapped = api.WithMessage(subject + ": " + Describe(api));
                    return new OperationError(wrapped, api.ErrorCode, CategoryOf(api.Kind), target, api.RequestId, api.Advice ?? RecommendedAction(api.Kind));
                case HttpRequestException http:
                    return new OperationError(
                        new HttpRequestException(subject + ": the API could not be reached after retries (" + http.Message + ").", http),
                        "ConnectionFailed", ErrorKind.ConnectionError, target, null,
                        "Check the network and -BaseUri, then run the command again" + (provider is IIdempotentSubmission ? "; submissions are idempotent." : "."));
                default:
                    // Still say which record it was about; the original stays as the inner exception.
                    return new OperationError(
                        new InvalidOperationException(subject + ": " + exception.Message, exception),
                        exception.GetType().Name, ErrorKind.NotSpecified, target);
            }
        }

        /// <summary>True for errors after which no further call with this connection can succeed (401).</summary>
        public static bool IsFatal(Exception exception)
            => exception is VideoApiException api && api.Kind == ApiErrorKind.Unauthorized;

        /// <summary>The API's message plus, for 422, each field's message.</summary>
        internal static string Describe(VideoApiException api)
        {
            string text = api.Message + " (HTTP " + api.StatusCode + " " + api.ErrorCode + ")";
            if (api.Details.Count > 0)
                text += ": " + string.Join("; ", api.Details.Select(d => d.Key + ": " + d.Value));
            return text;
        }

        private static ErrorKind CategoryOf(ApiErrorKind kind)
        {
            switch (kind)
            {
                case ApiErrorKind.BadRequest:
                case ApiErrorKind.Validation: return ErrorKind.InvalidArgument;
                case ApiErrorKind.Unauthorized: return ErrorKind.AuthenticationError;
                case ApiErrorKind.Forbidden:
                case ApiErrorKind.ModelNotAvailable: return ErrorKind.PermissionDenied;
                case ApiErrorKind.InsufficientBalance: return ErrorKind.QuotaExceeded;
                case ApiErrorKind.NotFound: return ErrorKind.ObjectNotFound;
                case ApiErrorKind.Conflict: return ErrorKind.ResourceExists;
                case ApiErrorKind.RateLimited: return ErrorKind.LimitsExceeded;
                case ApiErrorKind.ServerError: return ErrorKind.ConnectionError;
                case ApiErrorKind.JobFailed: return ErrorKind.OperationStopped;
                default: return ErrorKind.NotSpecified;
            }
        }

        /// <summary>Neutral advice, for errors whose provider gave none.</summary>
        private static string? RecommendedAction(ApiErrorKind kind)
        {
            switch (kind)
            {
                case ApiErrorKind.Unauthorized: return "Run Connect-SmartlyQ with a valid key for this provider.";
                case ApiErrorKind.Forbidden: return "Give the API key the missing permission in the provider's dashboard.";
                case ApiErrorKind.InsufficientBalance: return "Top up the provider's balance, then run the rows again.";
                case ApiErrorKind.Uncertain: return "Look for the job (Get-SqJob) before submitting the row again: it may exist already.";
                case ApiErrorKind.Validation: return "Fix the named fields; Get-SqVideoModel lists the values each model accepts.";
                case ApiErrorKind.RateLimited: return "Wait a minute or lower the request rate, then run again.";
                case ApiErrorKind.Conflict: return "Use a new idempotency key for a different request.";
                default: return null;
            }
        }
    }
}
