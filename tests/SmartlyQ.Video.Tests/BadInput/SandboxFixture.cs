using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using SmartlyQ.Video.Core.Connections;
using SmartlyQ.Video.Core.Operations;
using SmartlyQ.Video.Sandbox;
using SmartlyQ.Video.Tests.Fakes;
using Xunit;

namespace SmartlyQ.Video.Tests.BadInput
{
    /// <summary>
    /// One in-process sandbox per test class (xUnit class fixture), fast jobs and no practical rate limit, connected
    /// with the LIVE key so every accepted job is a real, non-zero charge in the ledger.
    /// </summary>
    public class SandboxFixture : IAsyncLifetime
    {
        public SandboxServer Sandbox { get; private set; } = null!;

        /// <summary>Connected with <see cref="SandboxServer.LiveKey"/>.</summary>
        public SmartlyQConnection Connection { get; private set; } = null!;

        /// <summary>The options every bad-input sandbox starts with; subclasses may add to them.</summary>
        public static SandboxOptions FastOptions() => new SandboxOptions
        {
            QueuedDuration = TimeSpan.FromMilliseconds(100),
            ProcessingDuration = TimeSpan.FromMilliseconds(200),
            RateLimitPermits = 100000,
        };

        protected virtual SandboxOptions Options() => FastOptions();

        public virtual async Task InitializeAsync()
        {
            Sandbox = await SandboxServer.StartAsync(Options());
            Connection = await ConnectLive(Sandbox);
        }

        public virtual async Task DisposeAsync()
        {
            Connection?.Dispose();
            if (Sandbox != null) await Sandbox.DisposeAsync();
        }

        public static Task<SmartlyQConnection> ConnectLive(SandboxServer sandbox) => Connect(sandbox, SandboxServer.LiveKey);

        public static Task<SmartlyQConnection> Connect(SandboxServer sandbox, string key)
            => ConnectOperation.ConnectAsync(
                new ConnectParameters { ApiKey = TestSecrets.Secure(key), BaseUri = sandbox.BaseUri, RetryBaseDelay = TimeSpan.FromMilliseconds(10) },
                new FakeSink(), CancellationToken.None);

        /// <summary>Marks the ledger's current end; <see cref="LedgerMark.Since"/> gives what was booked after it.</summary>
        public LedgerMark MarkLedger() => new LedgerMark(Sandbox.Ledger);
    }

    /// <summary>A position in a sandbox's ledger (entries are only ever appended).</summary>
    public sealed class LedgerMark
    {
        private readonly SandboxLedger _ledger;
        private readonly int _count;

        public LedgerMark(SandboxLedger ledger)
        {
            _ledger = ledger;
            _count = ledger.Entries.Count;
        }

        public IReadOnlyList<SandboxLedgerEntry> Since() => _ledger.Entries.Skip(_count).ToList();

        public IReadOnlyList<SandboxLedgerEntry> ChargesSince()
            => Since().Where(e => e.Kind == SandboxLedgerEntry.ChargeKind).ToList();
    }
}
