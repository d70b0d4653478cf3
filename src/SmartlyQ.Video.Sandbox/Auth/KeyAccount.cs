using System;
using System.Collections.Generic;
using System.Linq;
using SmartlyQ.Video.Sandbox.Billing;

namespace SmartlyQ.Video.Sandbox.Auth
{
    /// <summary>A configured key at run time: its mode, scopes and wallet.</summary>
    internal sealed class KeyAccount
    {
        public const string LivePrefix = "sqk_live_";
        public const string TestPrefix = "sqk_test_";

        private readonly HashSet<string> _scopes;

        public KeyAccount(SandboxKey key)
        {
            if (string.IsNullOrWhiteSpace(key.Key)) throw new ArgumentException("A sandbox key has an empty Key.");
            if (key.Key.StartsWith(LivePrefix, StringComparison.Ordinal)) IsTest = false;
            else if (key.Key.StartsWith(TestPrefix, StringComparison.Ordinal)) IsTest = true;
            else throw new ArgumentException($"Sandbox key '{key.Key}' must start with {LivePrefix} or {TestPrefix}.");

            Key = key.Key;
            _scopes = new HashSet<string>(key.Scopes ?? new List<string>(), StringComparer.Ordinal);
            Wallet = new Wallet(key.Balance);
        }

        public string Key { get; }

        /// <summary>The provider whose API accepts this key (<see cref="SandboxProviderNames"/>).</summary>
        public string Provider { get; } = SandboxProviderNames.SmartlyQ;

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
