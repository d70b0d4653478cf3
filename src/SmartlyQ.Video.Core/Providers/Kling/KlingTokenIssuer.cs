using System;

namespace SmartlyQ.Video.Core.Providers.Kling
{
    /// <summary>
    /// Makes the JWT of one key pair and reuses it until <see cref="RenewBefore"/> before it expires, so a batch does not
    /// sign every poll and no request carries a token about to lapse. Thread-safe.
    /// </summary>
    internal sealed class KlingTokenIssuer
    {
        /// <summary>A token is replaced once it has less than this left: 60 s.</summary>
        public static readonly TimeSpan RenewBefore = TimeSpan.FromSeconds(60);

        private readonly TimeProvider _time;
        private readonly object _lock = new object();
        private string? _token;
        private string? _accessKey;
        private DateTimeOffset _expires;

        public KlingTokenIssuer(TimeProvider time)
        {
            _time = time ?? throw new ArgumentNullException(nameof(time));
        }

        /// <summary>A valid token for the pair (the cached one while it has more than <see cref="RenewBefore"/> left).</summary>
        public string Token(string accessKey, string secretKey)
        {
            DateTimeOffset now = _time.GetUtcNow();
            lock (_lock)
            {
                if (_token != null && string.Equals(_accessKey, accessKey, StringComparison.Ordinal) && now < _expires - RenewBefore) return _token;
                _token = KlingJwt.Sign(accessKey, secretKey, now);
                _accessKey = accessKey;
                _expires = DateTimeOffset.FromUnixTimeSeconds(now.ToUnixTimeSeconds()) + KlingJwt.Lifetime;
                return _token;
            }
        }
    }
}
