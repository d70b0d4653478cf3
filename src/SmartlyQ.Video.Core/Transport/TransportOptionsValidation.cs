using System;
using System.Net;
using System.Threading;
using SmartlyQ.Video.Core.Validation;

namespace SmartlyQ.Video.Core.Transport
{
    /// <summary>Checks a <see cref="TransportOptions"/> before a transport is built; errors name the option.</summary>
    internal static class TransportOptionsValidation
    {
        // Polly's own limit for retry delays.
        private static readonly TimeSpan LongestDelay = TimeSpan.FromDays(1);
        private static readonly TimeSpan ShortestTimeout = TimeSpan.FromMilliseconds(10);

        public static void Validate(TransportOptions options)
        {
            if (options == null) throw new ArgumentNullException(nameof(options));
            if (options.Credential == null) throw new ArgumentException("ApiKey is required.", "ApiKey");
            if (options.ErrorReader == null) throw new ArgumentException("ErrorReader is required.", "ErrorReader");
            if (options.RateLimits == null) throw new ArgumentException("RateLimits is required.", "RateLimits");
            ValidateBaseUri(options.BaseUri, options.DefaultBaseUri);
            if (options.MaxRetries < 0)
                throw new ArgumentException("MaxRetries must be 0 or more (0 disables retries).", "MaxRetries");
            if (options.RetryBaseDelay < TimeSpan.Zero || options.RetryBaseDelay > LongestDelay)
                throw new ArgumentException("RetryBaseDelay must be between 0 and 1 day.", "RetryBaseDelay");
            if (options.MaxRetryDelay < TimeSpan.Zero || options.MaxRetryDelay > LongestDelay)
                throw new ArgumentException("MaxRetryDelay must be between 0 and 1 day.", "MaxRetryDelay");
            ValidateTimeout(options.AttemptTimeout, "AttemptTimeout");
            ValidateTimeout(options.TotalTimeout, "TotalTimeout");
            ValidateTimeout(options.DownloadTotalTimeout, "DownloadTotalTimeout");
        }

        /// <summary>True when <paramref name="timeout"/> is a real limit, false for <see cref="Timeout.InfiniteTimeSpan"/>.</summary>
        public static bool IsLimited(TimeSpan timeout) => timeout != Timeout.InfiniteTimeSpan;

        // Polly's timeout strategy accepts 10 ms to 1 day.
        private static void ValidateTimeout(TimeSpan timeout, string name)
        {
            if (!IsLimited(timeout)) return;
            if (timeout < ShortestTimeout || timeout > LongestDelay)
                throw new ArgumentException(name + " must be between 10 ms and 1 day, or Timeout.InfiniteTimeSpan for no limit (got " + timeout + ").", name);
        }

        /// <summary>
        /// Refuses a base URI that is missing, relative, not http(s), plain http to a host other than loopback, with
        /// user info, a query or fragment, or a control character (raw or percent-encoded in its path). Messages
        /// give <paramref name="example"/> (the provider's public root) as the example and never echo the URI.
        /// </summary>
        public static void ValidateBaseUri(Uri? baseUri, Uri example)
        {
            if (baseUri == null)
                throw new ArgumentException("BaseUri is required, e.g. " + example + ".", "BaseUri");
            // The URI is not echoed: it may carry a password. Its host becomes the Host header, its path the request line.
            int bad = UnsafeCharacters.IndexOf(baseUri.OriginalString);
            if (bad >= 0)
                throw new ArgumentException("BaseUri contains the control character " + UnsafeCharacters.Name(baseUri.OriginalString[bad]) + " at position " + (bad + 1)
                    + "; give only the API root, e.g. " + example + ".", "BaseUri");
            if (!baseUri.IsAbsoluteUri)
                throw new ArgumentException("BaseUri must be an absolute https URI such as " + example + ".", "BaseUri");
            bool https = baseUri.Scheme == Uri.UriSchemeHttps;
            bool http = baseUri.Scheme == Uri.UriSchemeHttp;
            if (!https && !http)
                throw new ArgumentException("BaseUri must use https (got " + baseUri.Scheme + ":).", "BaseUri");
            if (http && !IsLoopback(baseUri))
                throw new ArgumentException(
                    "BaseUri must use https: plain http would send the API key unencrypted. http is allowed only for loopback hosts (localhost, 127.0.0.0/8, ::1).",
                    "BaseUri");
            if (baseUri.UserInfo.Length > 0)
                throw new ArgumentException("BaseUri must not contain a user name or password.", "BaseUri");
            int encoded = UnsafeCharacters.IndexOf(Uri.UnescapeDataString(baseUri.AbsolutePath));
            if (encoded >= 0)
                throw new ArgumentException("BaseUri's path holds a percent-encoded control character (" + UnsafeCharacters.Name(Uri.UnescapeDataString(baseUri.AbsolutePath)[encoded])
                    + "); give only the API root, e.g. " + example + ".", "BaseUri");
            if (baseUri.Query.Length > 0 || baseUri.Fragment.Length > 0)
                throw new ArgumentException("BaseUri must not have a query or fragment; give only the API root, e.g. " + example + ".", "BaseUri");
        }

        /// <summary><c>localhost</c>, 127.0.0.0/8 or ::1 — nowhere a network eavesdropper can see.</summary>
        public static bool IsLoopback(Uri uri)
        {
            string host = uri.DnsSafeHost;
            if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)) return true;
            return IPAddress.TryParse(host, out IPAddress? address) && IPAddress.IsLoopback(address);
        }
    }
}
