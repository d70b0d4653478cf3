using System;
using System.Net.Http;
using System.Security;

namespace SmartlyQ.Video.Core.Operations
{
    /// <summary>Parameters of Connect-SmartlyQ.</summary>
    public sealed class ConnectParameters
    {
        /// <summary>Registry name of the provider (<see cref="Providers.ProviderRegistry"/>, case-insensitive); null → <c>SmartlyQ</c>.</summary>
        public string? Provider { get; init; }

        /// <summary>The key from -ApiKey or -Credential's password; null → the provider's environment variable (SmartlyQ: <c>SMARTLYQ_API_KEY</c>).</summary>
        public SecureString? ApiKey { get; init; }

        /// <summary>
        /// -Credential's user name; null for -ApiKey or the environment variable. For a provider with a
        /// <see cref="Providers.ProviderEntry.KeyPairCredential"/> it is the key id and <see cref="ApiKey"/> the secret
        /// that signs; other providers ignore it.
        /// </summary>
        public string? UserName { get; init; }

        /// <summary>API root; null → the provider's public root (SmartlyQ: <c>https://api.smartlyq.com/v1</c>). Plain http only for loopback hosts.</summary>
        public Uri? BaseUri { get; init; }

        /// <summary>Write the connection to the pipeline.</summary>
        public bool PassThru { get; init; }

        /// <summary>-MaximumRetryCount: retries after the first attempt for 408, 429, 5xx and network errors; null → 4.</summary>
        public int? MaximumRetryCount { get; init; }

        /// <summary>-RetryIntervalSec: first wait between attempts in seconds, doubled per retry with jitter; null → 1.</summary>
        public int? RetryIntervalSec { get; init; }

        /// <summary>-TimeoutSec: seconds one attempt may take (for downloads: to the headers and between reads); null → 30.</summary>
        public int? TimeoutSec { get; init; }

        /// <summary>-TotalTimeoutSec: seconds one API call may take with all its retries; null → 300.</summary>
        public int? TotalTimeoutSec { get; init; }

        /// <summary>-RequestsPerSecond: the key's rate where the API states none (0.01–10,000); null: the provider's own assumption.</summary>
        public double? RequestsPerSecond { get; init; }

        /// <summary>Reads an environment variable (replaced in tests).</summary>
        internal Func<string, string?> GetEnvironmentVariable { get; init; } = Environment.GetEnvironmentVariable;

        /// <summary>Network handler for the client (tests); null → the real network.</summary>
        internal HttpMessageHandler? Handler { get; init; }

        /// <summary>First retry delay below a second (tests shorten it); wins over <see cref="RetryIntervalSec"/>.</summary>
        internal TimeSpan? RetryBaseDelay { get; init; }

        /// <summary>Longest wait between two attempts, Retry-After included (tests shorten it); null → 60 s.</summary>
        internal TimeSpan? MaxRetryDelay { get; init; }
    }
}
