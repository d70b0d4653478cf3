using System;
using System.Net.Http;
using System.Security;

namespace SmartlyQ.Video.Core.Operations
{
    /// <summary>Parameters of Connect-SmartlyQ.</summary>
    public sealed class ConnectParameters
    {
        /// <summary>The key from -ApiKey or -Credential's password; null → environment variable <c>SMARTLYQ_API_KEY</c>.</summary>
        public SecureString? ApiKey { get; init; }

        /// <summary>API root; null → <c>https://api.smartlyq.com/v1</c>. Plain http only for loopback hosts.</summary>
        public Uri? BaseUri { get; init; }

        /// <summary>Write the connection to the pipeline.</summary>
        public bool PassThru { get; init; }

        /// <summary>Reads an environment variable (replaced in tests).</summary>
        internal Func<string, string?> GetEnvironmentVariable { get; init; } = Environment.GetEnvironmentVariable;

        /// <summary>Network handler for the client (tests); null → the real network.</summary>
        internal HttpMessageHandler? Handler { get; init; }

        /// <summary>First retry delay (tests shorten it).</summary>
        internal TimeSpan? RetryBaseDelay { get; init; }
    }
}
