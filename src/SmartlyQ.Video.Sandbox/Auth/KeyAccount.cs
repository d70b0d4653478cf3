using System;
using System.Collections.Generic;
using System.Linq;
using SmartlyQ.Video.Sandbox.Billing;
using SmartlyQ.Video.Sandbox.Providers;

namespace SmartlyQ.Video.Sandbox.Auth
{
    /// <summary>A configured key at run time: its provider, mode, scopes and wallet.</summary>
    internal sealed class KeyAccount
    {
        public const string LivePrefix = "sqk_live_";
        public const string TestPrefix = "sqk_test_";

        private readonly HashSet<string> _scopes;

        public KeyAccount(SandboxKey key) : this(key, ProviderProtocols.SmartlyQ)
        {
        }

        /// <summary>A key of <paramref name="provider"/>; only SmartlyQ keys have a mode (the others are always live).</summary>
        public KeyAccount(SandboxKey key, ProviderProtocol provider)
        {
            if (string.IsNullOrWhiteSpace(key.Key)) throw new ArgumentException("A sandbox key has an empty Key.");
            provider.ValidateKey(key.Key);
            IsTest = provider == ProviderProtocols.SmartlyQ && key.Key.StartsWith(TestPrefix, StringComparison.Ordinal);

            Key = key.Key;
            Provider = provider.Name;
            Currency = provider.Currency;
            _scopes = new HashSet<string>(key.Scopes ?? new List<string>(), StringComparer.Ordinal);
            Wallet = new Wallet(key.Balance);
        }

        public string Key { get; }

        /// <summary>The provider whose API accepts this key (<see cref="SandboxProviderNames"/>).</summary>
        public string Provider { get; }

        /// <summary>Currency of the wallet and of this key's ledger entries.</summary>
        public string Currency { get; }

        /// <summary>Test keys are never charged (API doc §2 emulator choice).</summary>
        public bool IsTest { get; }

        public string Mode => IsTest ? "test" : "live";

        public string Prefix => IsTest ? TestPrefix : LivePrefix;

        public Wallet Wallet { get; }

        public bool HasScope(string scope) => _scopes.Contains("*") || _scopes.Contains(scope);

        /// <summary>Scopes as <c>GET /me</c> lists them; <c>*</c> is expanded to every known scope.</summary>
        public IReadOnlyList<string> ListScopes() =>
            _scopes.Contains("*") ? KnownScopes.All : _scopes.OrderBy(s => s, StringComparer.Ordinal).ToList();
    }
}
