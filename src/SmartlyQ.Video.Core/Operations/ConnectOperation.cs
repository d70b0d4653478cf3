using System;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using SmartlyQ.Video.Core.Connections;
using SmartlyQ.Video.Core.Diagnostics;
using SmartlyQ.Video.Core.Models;
using SmartlyQ.Video.Core.Providers;
using SmartlyQ.Video.Core.Providers.SmartlyQ;

namespace SmartlyQ.Video.Core.Operations
{
    /// <summary>Connect-SmartlyQ: finds the key, checks it with <c>GET /me</c> and returns the connection.</summary>
    public static class ConnectOperation
    {
        /// <summary>The environment variable read when no key is passed.</summary>
        public const string ApiKeyEnvironmentVariable = "SMARTLYQ_API_KEY";

        /// <summary>The version path of the default base URI (<c>…/v1</c>), suggested when a base URI without one gets a 404.</summary>
        private static readonly string DefaultVersionSegment = SmartlyQClientOptions.DefaultBaseUri.AbsolutePath.Trim('/');

        /// <summary>
        /// Returns a checked connection (and writes it when <see cref="ConnectParameters.PassThru"/>).
        /// Throws <see cref="OperationTerminatedException"/> for a missing or malformed key, a refused base URI,
        /// or a key the API rejects; no message contains the key.
        /// </summary>
        public static async Task<SmartlyQConnection> ConnectAsync(ConnectParameters parameters, IOperationSink sink, CancellationToken cancellationToken)
        {
            ApiKey key = ResolveKey(parameters);
            Uri baseUri = parameters.BaseUri ?? SmartlyQClientOptions.DefaultBaseUri;
            string shownUri = Redacted(baseUri);

            var defaults = new SmartlyQClientOptions();
            SmartlyQClient client;
            try
            {
                client = new SmartlyQClient(new SmartlyQClientOptions
                {
                    ApiKey = key,
                    BaseUri = baseUri,
                    Handler = parameters.Handler,
                    MaxRetries = parameters.MaximumRetryCount ?? defaults.MaxRetries,
                    RetryBaseDelay = parameters.RetryBaseDelay ?? Seconds(parameters.RetryIntervalSec) ?? defaults.RetryBaseDelay,
                    AttemptTimeout = Seconds(parameters.TimeoutSec) ?? defaults.AttemptTimeout,
                    TotalTimeout = Seconds(parameters.TotalTimeoutSec) ?? defaults.TotalTimeout,
                    Log = VerboseLog.Write,
                    RequestLog = VerboseLog.Write,
                    DebugLog = VerboseLog.WriteDebug,
                });
            }
            catch (ArgumentException ex)
            {
                string errorId = ex.ParamName == "BaseUri" ? "BaseUriRejected" : "InvalidConnectionSetting";
                throw new OperationTerminatedException(new OperationError(ex, errorId, ErrorKind.InvalidArgument, shownUri));
            }

            using (VerboseLog.Use(sink))
            try
            {
                sink.WriteVerbose("Checking the " + key.Mode.ToString().ToLowerInvariant() + " key with GET " + shownUri + "/me");
                AccountInfo account = await client.GetAccountAsync(cancellationToken).ConfigureAwait(false);
                var connection = new SmartlyQConnection(client, key.Mode, account);
                sink.WriteVerbose("Connected to " + connection);
                if (parameters.PassThru) sink.WriteObject(connection);
                return connection;
            }
            catch (Exception ex) when (!(ex is OperationCanceledException))
            {
                client.Dispose();
                OperationError error = ApiErrorTranslator.ToError(ex, shownUri, "Connect-SmartlyQ to " + shownUri);
                if (ex is VideoApiException api && api.StatusCode == 404 && VersionPathSuggestion(baseUri) is string suggestion)
                    error = WithVersionHint(error, api, suggestion);
                throw new OperationTerminatedException(error);
            }
        }

        /// <summary>
        /// <c>http://127.0.0.1:5080/v1</c> for a base URI whose path does not end in a version segment (<c>v1</c>, <c>v2</c>…),
        /// the usual cause of a bare 404 from <c>GET /me</c>; null when it already has one.
        /// </summary>
        internal static string? VersionPathSuggestion(Uri baseUri)
        {
            if (!baseUri.IsAbsoluteUri) return null;
            string path = baseUri.AbsolutePath.TrimEnd('/');
            int slash = path.LastIndexOf('/');
            string last = slash >= 0 ? path.Substring(slash + 1) : path;
            if (Regex.IsMatch(last, "^v[0-9]+$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)) return null;
            return Redacted(baseUri).TrimEnd('/') + "/" + DefaultVersionSegment;
        }

        /// <summary>The 404's error with "did you mean …/v1?" added to its message and as the recommended action.</summary>
        private static OperationError WithVersionHint(OperationError error, VideoApiException api, string suggestion)
        {
            string message = error.Exception.Message.TrimEnd().TrimEnd('.')
                + ". The base URI has no API version path: did you mean " + suggestion + "?";
            VideoApiException hinted = api.WithMessage(message);
            return new OperationError(hinted, error.ErrorId, error.Category, error.TargetObject, error.RequestId,
                "Run Connect-SmartlyQ -BaseUri " + suggestion + " (the API root includes its version path).");
        }

        /// <summary>
        /// The base URI as errors and verbose lines show it: without user info or query, where a careless caller may
        /// have put a password or key.
        /// </summary>
        private static string Redacted(Uri uri)
            => uri.IsAbsoluteUri ? uri.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped) : "(relative URI)";

        private static TimeSpan? Seconds(int? value) => value.HasValue ? TimeSpan.FromSeconds(value.Value) : (TimeSpan?)null;

        private static ApiKey ResolveKey(ConnectParameters parameters)
        {
            try
            {
                if (parameters.ApiKey != null) return ApiKey.FromSecureString(parameters.ApiKey);
                string? fromEnvironment = parameters.GetEnvironmentVariable(ApiKeyEnvironmentVariable);
                if (fromEnvironment == null)
                    throw new ArgumentException("No API key: pass -ApiKey or -Credential, or set the environment variable " + ApiKeyEnvironmentVariable + ".", "ApiKey");
                return ApiKey.FromPlainText(fromEnvironment);
            }
            catch (ArgumentException ex)
            {
                throw new OperationTerminatedException(new OperationError(ex, "ApiKeyInvalid", ErrorKind.InvalidArgument, null, null,
                    "Create a key in the SmartlyQ Developer Dashboard (it starts with sqk_live_ or sqk_test_)."));
            }
        }
    }
}
