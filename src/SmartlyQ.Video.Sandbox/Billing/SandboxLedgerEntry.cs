using System;

namespace SmartlyQ.Video.Sandbox
{
    /// <summary>
    /// One money movement of the sandbox, of any provider: a charge when a job is accepted, a refund when it fails or is
    /// cancelled while waiting.
    /// </summary>
    public sealed class SandboxLedgerEntry
    {
        internal SandboxLedgerEntry(string kind, string jobUid, string? idempotencyKey, string keyMode, decimal amount, DateTimeOffset at,
            string provider = SandboxProviderNames.SmartlyQ, string currency = "SQC")
        {
            Provider = provider;
            Currency = currency;
            Kind = kind;
            JobUid = jobUid;
            IdempotencyKey = idempotencyKey;
            KeyMode = keyMode;
            Amount = amount;
            At = at;
        }

        /// <summary><c>charge</c> or <c>refund</c>.</summary>
        public string Kind { get; }

        /// <summary>The API the job was created through (<see cref="SandboxProviderNames"/>).</summary>
        public string Provider { get; }

        /// <summary><c>SQC</c> for SmartlyQ, <c>USD</c> for OpenAI (usage cost; it has no wallet) and NanoGPT.</summary>
        public string Currency { get; }

        /// <summary>The job the money belongs to (for OpenAI the <c>video_…</c> id, for NanoGPT the <c>runId</c>).</summary>
        public string JobUid { get; }

        /// <summary>The idempotency key of the request that created the job, if any.</summary>
        public string? IdempotencyKey { get; }

        /// <summary><c>live</c> or <c>test</c>; test entries are always 0.</summary>
        public string KeyMode { get; }

        /// <summary>Positive amount in <see cref="Currency"/>, 4 decimals.</summary>
        public decimal Amount { get; }

        /// <summary>When it was recorded (the sandbox clock).</summary>
        public DateTimeOffset At { get; }

        /// <summary>Charge kind.</summary>
        public const string ChargeKind = "charge";

        /// <summary>Refund kind.</summary>
        public const string RefundKind = "refund";
    }
}
