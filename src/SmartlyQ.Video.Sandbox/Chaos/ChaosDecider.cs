using System;

namespace SmartlyQ.Video.Sandbox.Chaos
{
    /// <summary>
    /// Draws the faults of each request. Thread-safe by per-request derivation: request n (a counter) gets its own
    /// <see cref="ChaosDice"/> seeded from (seed, n), and every request draws the same number of values whatever
    /// the rates, so a seeded run reproduces the same decisions for the same request order.
    /// </summary>
    internal sealed class ChaosDecider
    {
        private static readonly int[] ServerErrorStatuses = { 500, 502, 503 };

        private readonly object _gate = new object();
        private ulong _seed;
        private long _requests;

        public ChaosDecider(int? seed) => Reseed(seed ?? Random.Shared.Next());

        /// <summary>Restarts the sequence: the next request is request 1 of <paramref name="seed"/>.</summary>
        public void Reseed(int seed)
        {
            lock (_gate)
            {
                _seed = ChaosDice.Mix((ulong)(uint)seed);
                _requests = 0;
            }
        }

        public ChaosDecision Decide(ChaosSettings s)
        {
            ulong seed;
            long n;
            lock (_gate)
            {
                seed = _seed;
                n = ++_requests;
            }
            var dice = new ChaosDice(seed ^ ChaosDice.Mix((ulong)n));

            // Fixed draw order and count: changing one knob never shifts the other knobs' outcomes.
            var reset = dice.NextDouble() < s.ConnectionResetRate;
            var serverError = dice.NextDouble() < s.ServerErrorRate;
            var status = ServerErrorStatuses[(int)(dice.NextDouble() * ServerErrorStatuses.Length)];
            var html = dice.NextDouble() < 0.5;
            var rateLimit = dice.NextDouble() < s.RateLimitBurstRate;
            var slow = dice.NextDouble() < s.SlowResponseRate;
            var drop = dice.NextDouble() < s.AcceptThenDropRate;
            var truncate = dice.NextDouble() < s.TruncatedDownloadRate;
            var truncateShare = 0.1 + 0.8 * dice.NextDouble();
            var wrongLength = dice.NextDouble() < s.WrongContentLengthRate;
            var extraShare = 0.01 + 0.24 * dice.NextDouble();

            var early = reset ? EarlyFault.ConnectionReset
                : serverError ? EarlyFault.ServerError
                : rateLimit ? EarlyFault.RateLimitBurst
                : EarlyFault.None;
            return new ChaosDecision(
                slow ? s.SlowResponseDelay : null,
                early,
                status,
                // A 500 comes from the API itself, so it is always JSON; gateways answer 502/503 with HTML pages.
                html && status != 500,
                s.RateLimitRetryAfterSeconds,
                drop,
                truncate ? truncateShare : null,
                // One body fault per response: truncation wins.
                wrongLength && !truncate ? extraShare : null);
        }
    }
}
