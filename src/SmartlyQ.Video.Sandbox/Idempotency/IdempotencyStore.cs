using System;
using System.Collections.Generic;

namespace SmartlyQ.Video.Sandbox.Idempotency
{
    /// <summary>
    /// Remembered responses per (API key, idempotency key) for 24 h (API doc §9). A key is reserved
    /// before the request runs, so two concurrent requests with one key never both execute.
    /// </summary>
    internal sealed class IdempotencyStore
    {
        public static readonly TimeSpan Retention = TimeSpan.FromHours(24);

        private readonly object _gate = new object();
        private readonly Dictionary<(string ApiKey, string Key), Entry> _entries = new Dictionary<(string, string), Entry>();
        private readonly TimeProvider _time;

        public IdempotencyStore(TimeProvider time) => _time = time;

        public enum Outcome { Execute, Replay, Conflict, InFlight }

        public Outcome Begin(string apiKey, string key, string fingerprint, out StoredResponse? replay)
        {
            var now = _time.GetUtcNow();
            replay = null;
            lock (_gate)
            {
                if (_entries.TryGetValue((apiKey, key), out var entry) && now - entry.CreatedAt < Retention)
                {
                    if (entry.Fingerprint != fingerprint) return Outcome.Conflict;
                    if (entry.Response == null) return Outcome.InFlight;
                    replay = entry.Response;
                    return Outcome.Replay;
                }
                _entries[(apiKey, key)] = new Entry(fingerprint, now);
                if (_entries.Count % 1024 == 0) Prune(now);
                return Outcome.Execute;
            }
        }

        public void Complete(string apiKey, string key, StoredResponse response)
        {
            lock (_gate)
            {
                if (_entries.TryGetValue((apiKey, key), out var entry)) entry.Response = response;
            }
        }

        /// <summary>Forgets a reservation whose request did not produce a replayable answer (5xx, exception).</summary>
        public void Abandon(string apiKey, string key)
        {
            lock (_gate)
            {
                if (_entries.TryGetValue((apiKey, key), out var entry) && entry.Response == null) _entries.Remove((apiKey, key));
            }
        }

        private void Prune(DateTimeOffset now)
        {
            var expired = new List<(string, string)>();
            foreach (var pair in _entries)
                if (now - pair.Value.CreatedAt >= Retention) expired.Add(pair.Key);
            foreach (var key in expired) _entries.Remove(key);
        }

        private sealed class Entry
        {
            public Entry(string fingerprint, DateTimeOffset createdAt) { Fingerprint = fingerprint; CreatedAt = createdAt; }
            public string Fingerprint { get; }
            public DateTimeOffset CreatedAt { get; }
            public StoredResponse? Response { get; set; }
        }
    }

    /// <summary>Status, content type and body of a finished request, replayed on repeats.</summary>
    internal sealed record StoredResponse(int Status, string? ContentType, byte[] Body);
}
