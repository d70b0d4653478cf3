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
        private readonly object _gate = new object();
        private readonly List<SandboxLedgerEntry> _entries = new List<SandboxLedgerEntry>();

        internal SandboxLedger() { }

        /// <summary>Set by the job store: applies refunds that are due before anyone reads.</summary>
        internal Action? BeforeRead { get; set; }

        /// <summary>A snapshot of all entries, oldest first.</summary>
        public IReadOnlyList<SandboxLedgerEntry> Entries => Find();

        /// <summary>Sum of charges.</summary>
        public decimal Charged => Find().Where(e => e.Kind == SandboxLedgerEntry.ChargeKind).Sum(e => e.Amount);

        /// <summary>Sum of refunds.</summary>
        public decimal Refunded => Find().Where(e => e.Kind == SandboxLedgerEntry.RefundKind).Sum(e => e.Amount);

        /// <summary>Charged minus refunded.</summary>
        public decimal Net => Charged - Refunded;

        /// <summary>Entries filtered by job and/or idempotency key (null = any), oldest first.</summary>
        public IReadOnlyList<SandboxLedgerEntry> Find(string? jobUid = null, string? idempotencyKey = null)
        {
            BeforeRead?.Invoke();
            lock (_gate)
            {
                return _entries
                    .Where(e => jobUid == null || e.JobUid == jobUid)
                    .Where(e => idempotencyKey == null || e.IdempotencyKey == idempotencyKey)
                    .ToList();
            }
        }

        internal void Record(SandboxLedgerEntry entry)
        {
            lock (_gate) _entries.Add(entry);
        }
    }
}
