using System;
using System.Collections.Generic;
using System.Linq;

namespace SmartlyQ.Video.Sandbox
{
    /// <summary>
    /// Every charge and refund of the sandbox, in order. The same data <c>GET /sandbox/ledger</c> serves;
    /// reading first settles jobs whose failure is due, so refunds show up without polling the job.
    /// </summary>
    public sealed class SandboxLedger
    {
        private static readonly IReadOnlyList<SandboxLedgerEntry> None = Array.Empty<SandboxLedgerEntry>();

        private readonly object _gate = new object();
        private readonly List<SandboxLedgerEntry> _entries = new List<SandboxLedgerEntry>();
        // Indexes and running totals: a batch test reads the ledger per job, which must not scan every entry each time.
        private readonly Dictionary<string, List<SandboxLedgerEntry>> _byJob = new Dictionary<string, List<SandboxLedgerEntry>>(StringComparer.Ordinal);
        private readonly Dictionary<string, List<SandboxLedgerEntry>> _byKey = new Dictionary<string, List<SandboxLedgerEntry>>(StringComparer.Ordinal);
        private decimal _charged;
        private decimal _refunded;

        internal SandboxLedger() { }

        /// <summary>Set by the job store: applies refunds that are due before anyone reads.</summary>
        internal Action? BeforeRead { get; set; }

        /// <summary>A snapshot of all entries, oldest first.</summary>
        public IReadOnlyList<SandboxLedgerEntry> Entries => Find();

        /// <summary>Sum of charges (every provider's; filter with <see cref="Find"/> when several are in play).</summary>
        public decimal Charged
        {
            get
            {
                BeforeRead?.Invoke();
                lock (_gate) return _charged;
            }
        }

        /// <summary>Sum of refunds.</summary>
        public decimal Refunded
        {
            get
            {
                BeforeRead?.Invoke();
                lock (_gate) return _refunded;
            }
        }

        /// <summary>Charged minus refunded.</summary>
        public decimal Net
        {
            get
            {
                BeforeRead?.Invoke();
                lock (_gate) return _charged - _refunded;
            }
        }

        /// <summary>Entries filtered by job, idempotency key and/or provider (<see cref="SandboxProviderNames"/>; null = any), oldest first.</summary>
        public IReadOnlyList<SandboxLedgerEntry> Find(string? jobUid = null, string? idempotencyKey = null, string? provider = null)
        {
            BeforeRead?.Invoke();
            lock (_gate)
            {
                IEnumerable<SandboxLedgerEntry> candidates = _entries;
                if (jobUid != null) candidates = _byJob.TryGetValue(jobUid, out var forJob) ? forJob : None;
                else if (idempotencyKey != null) candidates = _byKey.TryGetValue(idempotencyKey, out var forKey) ? forKey : None;
                return candidates
                    .Where(e => idempotencyKey == null || e.IdempotencyKey == idempotencyKey)
                    .Where(e => provider == null || string.Equals(e.Provider, provider, StringComparison.OrdinalIgnoreCase))
                    .ToList();
            }
        }

        internal void Record(SandboxLedgerEntry entry)
        {
            lock (_gate)
            {
                _entries.Add(entry);
                Index(_byJob, entry.JobUid, entry);
                if (entry.IdempotencyKey != null) Index(_byKey, entry.IdempotencyKey, entry);
                if (entry.Kind == SandboxLedgerEntry.ChargeKind) _charged += entry.Amount;
                else if (entry.Kind == SandboxLedgerEntry.RefundKind) _refunded += entry.Amount;
            }
        }

        private static void Index(Dictionary<string, List<SandboxLedgerEntry>> index, string key, SandboxLedgerEntry entry)
        {
            if (!index.TryGetValue(key, out var list)) index[key] = list = new List<SandboxLedgerEntry>(2);
            list.Add(entry);
        }
    }
}
