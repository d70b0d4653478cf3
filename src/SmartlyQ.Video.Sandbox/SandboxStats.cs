using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.AspNetCore.Http;

namespace SmartlyQ.Video.Sandbox
{
    /// <summary>
    /// Requests the sandbox answered, per API key and route group, and the 429s it sent; counted when the answer
    /// leaves (so a request rejected by the rate limiter or aborted by chaos counts too). Only the providers' API and file
    /// routes (<c>/v1/…</c>, <c>/files/…</c>, <c>/openai/v1/…</c>, <c>/nanogpt/api/…</c>) are counted, never <c>/sandbox/…</c>; every provider's
    /// requests fall into the same groups, and its keys are its own. Thread-safe; reads are snapshots.
    /// From <see cref="SandboxServer.Stats"/>.
    /// </summary>
    public sealed class SandboxStats
    {
        /// <summary>Group of <c>/v1</c> paths that match no listed route (unknown routes, wrong methods).</summary>
        public const string OtherGroup = "other";

        /// <summary>Every group, in report order: generate, jobs, files, models, account, other (the chaos groups plus <see cref="OtherGroup"/>).</summary>
        public static readonly IReadOnlyList<string> Groups = new[]
        {
            ChaosRouteNames.GenerateGroup, ChaosRouteNames.JobsGroup, ChaosRouteNames.FilesGroup,
            ChaosRouteNames.ModelsGroup, ChaosRouteNames.AccountGroup, OtherGroup,
        };

        private static readonly object RateLimitedMark = new object();
        private readonly ConcurrentDictionary<string, Counters> _byKey = new ConcurrentDictionary<string, Counters>(StringComparer.Ordinal);
        private readonly Counters _anonymous = new Counters();

        internal SandboxStats()
        {
        }

        /// <summary>Requests that carried one of the sandbox's keys, by key (keys with no request yet are left out).</summary>
        public IReadOnlyDictionary<string, SandboxRequestCounts> ByKey =>
            _byKey.ToDictionary(pair => pair.Key, pair => pair.Value.Snapshot(), StringComparer.Ordinal);

        /// <summary>Requests that carried <paramref name="key"/> as their bearer token (all zero if none did).</summary>
        public SandboxRequestCounts ForKey(string key) =>
            key != null && _byKey.TryGetValue(key, out var counters) ? counters.Snapshot() : SandboxRequestCounts.Empty;

        /// <summary>Requests without a valid key: unauthenticated file downloads (CDN-like) and 401 answers.</summary>
        public SandboxRequestCounts Anonymous => _anonymous.Snapshot();

        /// <summary>Every counted request, keyed or not.</summary>
        public SandboxRequestCounts Total => _byKey.Values.Select(c => c.Snapshot()).Aggregate(_anonymous.Snapshot(), SandboxRequestCounts.Add);

        /// <summary>Sets every counter back to 0 (e.g. between two phases of a benchmark on one server).</summary>
        public void Reset()
        {
            _byKey.Clear();
            _anonymous.Reset();
        }

        /// <summary>Called by the rate limiter's rejection handler: this answer is the key's own limit, not a chaos burst.</summary>
        internal static void MarkRateLimited(HttpContext context) => context.Items[RateLimitedMark] = true;

        internal void Record(HttpContext context, string? key, string group)
        {
            var counters = key == null ? _anonymous : _byKey.GetOrAdd(key, _ => new Counters());
            counters.Add(group, context.Response.StatusCode == StatusCodes.Status429TooManyRequests, context.Items.ContainsKey(RateLimitedMark));
        }

        private sealed class Counters
        {
            private readonly long[] _groups = new long[Groups.Count];
            private long _tooMany;
            private long _rateLimited;

            public void Add(string group, bool tooMany, bool rateLimited)
            {
                Interlocked.Increment(ref _groups[IndexOf(group)]);
                if (tooMany) Interlocked.Increment(ref _tooMany);
                if (rateLimited) Interlocked.Increment(ref _rateLimited);
            }

            public SandboxRequestCounts Snapshot()
            {
                var groups = new Dictionary<string, long>(StringComparer.Ordinal);
                for (var i = 0; i < _groups.Length; i++) groups[Groups[i]] = Interlocked.Read(ref _groups[i]);
                return new SandboxRequestCounts(groups, Interlocked.Read(ref _tooMany), Interlocked.Read(ref _rateLimited));
            }

            public void Reset()
            {
                for (var i = 0; i < _groups.Length; i++) Interlocked.Exchange(ref _groups[i], 0);
                Interlocked.Exchange(ref _tooMany, 0);
                Interlocked.Exchange(ref _rateLimited, 0);
            }

            private static int IndexOf(string group)
            {
                for (var i = 0; i < Groups.Count; i++)
                    if (Groups[i] == group) return i;
                return Groups.Count - 1;
            }
        }
    }

    /// <summary>A snapshot of <see cref="SandboxStats"/> for one key (or all, or the unauthenticated requests).</summary>
    public sealed class SandboxRequestCounts
    {
        internal static readonly SandboxRequestCounts Empty =
            new SandboxRequestCounts(SandboxStats.Groups.ToDictionary(g => g, _ => 0L, StringComparer.Ordinal), 0, 0);

        internal SandboxRequestCounts(IReadOnlyDictionary<string, long> byGroup, long tooManyRequests, long rateLimited)
        {
            ByGroup = byGroup;
            TooManyRequests = tooManyRequests;
            RateLimited = rateLimited;
            Requests = byGroup.Values.Sum();
        }

        /// <summary>All counted requests, whatever their answer.</summary>
        public long Requests { get; }

        /// <summary>Requests per group (<see cref="SandboxStats.Groups"/>, every group listed, zeros included).</summary>
        public IReadOnlyDictionary<string, long> ByGroup { get; }

        /// <summary>429 answers sent, by the rate limiter or by a chaos burst.</summary>
        public long TooManyRequests { get; }

        /// <summary>429 answers sent by the rate limiter (the key's own budget ran out).</summary>
        public long RateLimited { get; }

        /// <summary>Requests of one group; 0 for an unknown name.</summary>
        public long Group(string group) => group != null && ByGroup.TryGetValue(group, out var count) ? count : 0;

        /// <summary><c>requests=12 (generate=4 jobs=4 files=4 models=0 account=0 other=0) 429=0 (rate limit 0)</c>.</summary>
        public override string ToString() =>
            $"requests={Requests} ({string.Join(" ", ByGroup.Select(g => g.Key + "=" + g.Value))}) 429={TooManyRequests} (rate limit {RateLimited})";

        internal static SandboxRequestCounts Add(SandboxRequestCounts a, SandboxRequestCounts b) =>
            new SandboxRequestCounts(
                SandboxStats.Groups.ToDictionary(g => g, g => a.Group(g) + b.Group(g), StringComparer.Ordinal),
                a.TooManyRequests + b.TooManyRequests, a.RateLimited + b.RateLimited);
    }
}
