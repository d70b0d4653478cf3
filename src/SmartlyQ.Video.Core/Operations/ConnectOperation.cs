using System;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using SmartlyQ.Video.Core.Connections;
using SmartlyQ.Video.Core.Diagnostics;
using SmartlyQ.Video.Core.Models;
using SmartlyQ.Video.Core.Providers;
using SmartlyQ.Video.Core.Transport;

namespace SmartlyQ.Video.Core.Operations
{
    /// <summary>
    /// Connect-SmartlyQ: finds the provider in the <see cref="ProviderRegistry"/>, finds the key (parameter, else the
    /// provider's environment variable) and checks it against the provider's key format, creates the provider, checks
    /// the key with the API (its account where it has one, else its model list) and returns the connection.
    /// </summary>
    public static class ConnectOperation
    {
        /// <summary>
        /// Returns a checked connection (and writes it when <see cref="ConnectParameters.PassThru"/>).
        /// Throws <see cref="OperationTerminatedException"/> for an unknown provider, a missing or malformed key, a
        /// refused base URI, or a key the API rejects; no message contains the key.
        /// </summary>
        public static async Task<SmartlyQConnection> ConnectAsync(ConnectParameters parameters, IOperationSink sink, CancellationToken cancellationToken)
        {
            ProviderEntry entry = FindProvider(parameters.Provider);
            string key = ResolveKey(parameters, entry, out ApiCredential credential);
            Uri baseUri = parameters.BaseUri ?? entry.DefaultBaseUri ?? throw NoBaseUri(entry);
            string shownUri = Redacted(baseUri);
            bool test = entry.IsTestKey?.Invoke(key) == true;

            var defaults = new ProviderSettings();
            IVideoProvider provider;
            try
            {
                provider = entry.Create(new ProviderSettings
                {
                    BaseUri = baseUri,
                    Credential = credential,
                    Handler = parameters.Handler,
                    MaxRetries = parameters.MaximumRetryCount ?? defaults.MaxRetries,
                    RetryBaseDelay = parameters.RetryBaseDelay ?? Seconds(parameters.RetryIntervalSec) ?? defaults.RetryBaseDelay,
                    MaxRetryDelay = parameters.MaxRetryDelay ?? defaults.MaxRetryDelay,
                    AttemptTimeout = Seconds(parameters.TimeoutSec) ?? defaults.AttemptTimeout,
                    TotalTimeout = Seconds(parameters.TotalTimeoutSec) ?? defaults.TotalTimeout,
                    RequestsPerSecond = parameters.RequestsPerSecond,
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
                sink.WriteVerbose("Checking the " + (test ? "test" : "live") + " " + entry.Name + " key at " + shownUri);
                AccountInfo account = await CheckKeyAsync(provider, cancellationToken).ConfigureAwait(false);
                var connection = new SmartlyQConnection(provider, test ? ApiKeyMode.Test : ApiKeyMode.Live, account);
                sink.WriteVerbose("Connected to " + connection);
                if (parameters.PassThru) sink.WriteObject(connection);
                return connection;
            }
            catch (Exception ex) when (!(ex is OperationCanceledException))
            {
                provider.Dispose();
                OperationError error = ApiErrorTranslator.ToError(ex, shownUri, "Connect-SmartlyQ to " + shownUri, provider);
                if (ex is VideoApiException api && api.StatusCode == 404 && entry.DefaultBaseUri != null
                    && VersionPathSuggestion(baseUri, entry.DefaultBaseUri) is string suggestion)
                    error = WithVersionHint(error, api, suggestion);
                throw new OperationTerminatedException(error);
            }
        }

        /// <summary>
        /// The provider's account (<see cref="IAccountProvider"/>); a provider without one proves the key with its model
        /// list (an authenticated GET) and the account is left empty.
        /// </summary>
        private static async Task<AccountInfo> CheckKeyAsync(IVideoProvider provider, CancellationToken cancellationToken)
        {
            if (provider is IAccountProvider accounts) return await accounts.GetAccountAsync(cancellationToken).ConfigureAwait(false);
            await provider.ListModelsAsync(cancellationToken).ConfigureAwait(false);
            return new AccountInfo();
        }

        /// <summary>
        /// For a base URI whose path does not end in the provider's root segment (<c>v1</c> for
        /// <c>https://api.smartlyq.com/v1</c>) nor in a version segment (<c>v2</c>…), the base with that segment added,
        /// e.g. <c>http://127.0.0.1:5080/v1</c>: the usual cause of a bare 404 on connect. Null when it already has one.
        /// </summary>
        internal static string? VersionPathSuggestion(Uri baseUri, Uri defaultBaseUri)
        {
            if (!baseUri.IsAbsoluteUri) return null;
            string segment = LastSegment(defaultBaseUri.AbsolutePath);
            string last = LastSegment(baseUri.AbsolutePath);
            if (segment.Length == 0 || string.Equals(last, segment, StringComparison.OrdinalIgnoreCase)) return null;
            if (Regex.IsMatch(last, "^v[0-9]+$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)) return null;
            return Redacted(baseUri).TrimEnd('/') + "/" + segment;
        }

        private static string LastSegment(string path)
        {
            string trimmed = path.TrimEnd('/');
            int slash = trimmed.LastIndexOf('/');
            return slash >= 0 ? trimmed.Substring(slash + 1) : trimmed;
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

        /// <summary>A provider without a public address, connected without -BaseUri: <c>BaseUriRequired</c>, saying what to pass.</summary>
        private static OperationTerminatedException NoBaseUri(ProviderEntry entry)
        {
            string help = entry.BaseUriHelp ?? "the address of the API";
            return new OperationTerminatedException(new OperationError(
                new ArgumentException(entry.Name + " has no public default address: pass -BaseUri with " + help + ".", "BaseUri"),
                "BaseUriRequired", ErrorKind.InvalidArgument, entry.Name, null, "Run Connect-SmartlyQ -Provider " + entry.Name + " -BaseUri <" + help + ">."));
        }

        /// <summary>The registry entry named by -Provider (default SmartlyQ); an unknown name lists the known ones.</summary>
        private static ProviderEntry FindProvider(string? name)
        {
            ProviderEntry? entry = ProviderRegistry.Find(name ?? ProviderRegistry.DefaultName);
            if (entry != null) return entry;
            string known = string.Join(", ", ProviderRegistry.All.Select(e => e.Name));
            throw new OperationTerminatedException(new OperationError(
                new ArgumentException("Provider '" + Validation.UnsafeCharacters.Show(name) + "' is not known; known providers: " + known + ".", "Provider"),
                "UnknownProvider", ErrorKind.InvalidArgument, name, null, "Use one of: " + known + "."));
        }

        /// <summary>
        /// The trimmed key from -ApiKey/-Credential, else from the provider's environment variable, checked against the
        /// provider's key format, and its credential; with -Credential's user name and a provider that takes a key pair
        /// (<see cref="ProviderEntry.KeyPairCredential"/>), the pair's credential instead. A missing or malformed key is
        /// <c>ApiKeyInvalid</c>, never quoting the key.
        /// </summary>
        private static string ResolveKey(ConnectParameters parameters, ProviderEntry entry, out ApiCredential credential)
        {
            try
            {
                if (entry.KeyPairCredential != null && parameters.ApiKey != null && !string.IsNullOrWhiteSpace(parameters.UserName))
                {
                    // A key pair: the secret signs; it is no key in the provider's token format, so that rule does not apply.
                    string secret = SecureText.Reveal(parameters.ApiKey).Trim();
                    if (secret.Length == 0)
                        throw new ArgumentException("Credential's password is empty: it is the secret key that signs for " + entry.Name + ".", "Credential");
                    credential = entry.KeyPairCredential(parameters.UserName!.Trim(), secret);
                    return secret;
                }
                string? key = parameters.ApiKey != null ? SecureText.Reveal(parameters.ApiKey) : parameters.GetEnvironmentVariable(entry.ApiKeyEnvironmentVariable);
                if (key == null)
                    throw new ArgumentException("No API key: pass -ApiKey or -Credential, or set the environment variable " + entry.ApiKeyEnvironmentVariable + ".", "ApiKey");
                string trimmed = key.Trim();
                if (trimmed.Length == 0)
                    throw new ArgumentException("ApiKey is empty. Pass -ApiKey, -Credential, or set " + entry.ApiKeyEnvironmentVariable + " to a " + entry.Name + " key.", "ApiKey");
                if (entry.KeyFormatError(trimmed) is string problem) throw new ArgumentException(problem, "ApiKey");
                credential = entry.Credential(trimmed);
                return trimmed;
            }
            catch (ArgumentException ex)
            {
                throw new OperationTerminatedException(new OperationError(ex, "ApiKeyInvalid", ErrorKind.InvalidArgument, null, null, entry.KeyHelp));
            }
        }
    }
}
