using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using SmartlyQ.Video.Core.Models;
using SmartlyQ.Video.Core.Providers;
using SmartlyQ.Video.Core.Tracking;

namespace SmartlyQ.Video.Core.Connections
{
    /// <summary>
    /// A checked connection to one video API: what Connect-SmartlyQ returns and every other cmdlet's <c>-Connection</c>.
    /// It shows its provider, where it points and whether the key is live or test, never the key. It owns the
    /// provider (and so its HTTP client) and caches the model list.
    /// </summary>
    public sealed class SmartlyQConnection : IDisposable
    {
        private readonly SemaphoreSlim _modelsLock = new SemaphoreSlim(1, 1);
        private IReadOnlyList<VideoModel>? _models;
        private readonly object _trackerGate = new object();
        private JobTracker? _tracker;
        private int _disposed;

        /// <summary>Creates a connection over <paramref name="videos"/>, which it disposes when it is disposed.</summary>
        public SmartlyQConnection(IVideoProvider videos, ApiKeyMode keyMode, AccountInfo accountInfo)
        {
            Videos = videos ?? throw new ArgumentNullException(nameof(videos));
            KeyMode = keyMode;
            Account = accountInfo ?? throw new ArgumentNullException(nameof(accountInfo));
            ConnectedAt = DateTimeOffset.Now;
        }

        /// <summary>The provider's registry name, e.g. <c>SmartlyQ</c>, as messages and -WhatIf name it.</summary>
        public string Provider => Videos.Name;

        /// <summary>API root, e.g. <c>https://api.smartlyq.com/v1</c>.</summary>
        public Uri BaseUri => Videos.BaseUri;

        /// <summary><c>Live</c> (real charges) or <c>Test</c> (a key the provider does not charge, e.g. SmartlyQ's <c>sqk_test_</c>).</summary>
        public ApiKeyMode KeyMode { get; }

        /// <summary>True for a test key.</summary>
        public bool IsTestKey => KeyMode == ApiKeyMode.Test;

        /// <summary>The key's account as the provider reported it on connect.</summary>
        public AccountInfo Account { get; }

        /// <summary>When the key was checked.</summary>
        public DateTimeOffset ConnectedAt { get; }

        /// <summary>The provider behind this connection; its optional capabilities are tested with <c>is</c>.</summary>
        internal IVideoProvider Videos { get; }

        /// <summary>True once the connection was closed (Disconnect-SmartlyQ or <see cref="Dispose"/>); it cannot be used again.</summary>
        public bool IsDisposed => Volatile.Read(ref _disposed) != 0;

        /// <summary>The jobs submitted through this connection, with the latest state seen (Get-SqJob without arguments).</summary>
        internal JobHistory Jobs { get; } = new JobHistory();

        /// <summary>The model list if it was fetched already (no request); null before the first fetch.</summary>
        internal IReadOnlyList<VideoModel>? CachedModels => Volatile.Read(ref _models);

        /// <summary>The model list, fetched once per connection; <paramref name="refresh"/> fetches it again.</summary>
        internal async Task<IReadOnlyList<VideoModel>> GetModelsAsync(bool refresh, CancellationToken cancellationToken)
        {
            await _modelsLock.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                if (_models == null || refresh)
                    _models = await Videos.ListModelsAsync(cancellationToken).ConfigureAwait(false);
                return _models;
            }
            finally
            {
                _modelsLock.Release();
            }
        }

        /// <summary>
        /// The connection's one job poller, shared by every Wait-SqJob that uses this connection; created on first
        /// use with <paramref name="time"/> as its clock.
        /// </summary>
        internal JobTracker Tracker(TimeProvider time)
        {
            lock (_trackerGate)
                return _tracker ??= new JobTracker(Videos, time);
        }

        /// <inheritdoc />
        public override string ToString() => Provider + " " + BaseUri + " (" + KeyMode + " key" + (Account.Name != null ? ", " + Account.Name : "") + ")";

        /// <summary>Stops the job poller and releases the provider (its HTTP client); later calls do nothing.</summary>
        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
            _tracker?.Dispose();
            Videos.Dispose();
            _modelsLock.Dispose();
        }
    }
}
