using System;
using System.Collections.Generic;
using System.Linq;
using SmartlyQ.Video.Sandbox.Providers;

namespace SmartlyQ.Video.Sandbox.Auth
{
    /// <summary>The configured keys of every provider, looked up by token (unique across providers). Immutable after start.</summary>
    internal sealed class ApiKeyRegistry
    {
        private readonly Dictionary<string, KeyAccount> _accounts = new Dictionary<string, KeyAccount>(StringComparer.Ordinal);
        private readonly List<KeyAccount> _inOrder = new List<KeyAccount>();

        public ApiKeyRegistry(IEnumerable<SandboxKey> keys) : this(keys.Select(k => new KeyAccount(k)))
        {
        }

        public ApiKeyRegistry(IEnumerable<KeyAccount> accounts)
        {
            foreach (var account in accounts)
            {
                if (!_accounts.TryAdd(account.Key, account))
                    throw new ArgumentException($"Sandbox key '{account.Key}' is configured twice.");
                _inOrder.Add(account);
            }
        }

        /// <summary>A key of <paramref name="protocol"/>'s provider; another provider's key is as unknown as a made-up one.</summary>
        public bool TryGet(ProviderProtocol protocol, string? token, out KeyAccount account)
        {
            if (TryGet(token, out account) && account.Provider == protocol.Name) return true;
            account = null!;
            return false;
        }

        /// <summary>The first configured key of <paramref name="provider"/> (what <c>GET /sandbox/providers</c> offers), or null.</summary>
        public string? FirstKey(string provider) => _inOrder.FirstOrDefault(a => a.Provider == provider)?.Key;

        public bool TryGet(string? token, out KeyAccount account)
        {
            if (token != null && _accounts.TryGetValue(token, out var found))
            {
                account = found;
                return true;
            }
            account = null!;
            return false;
        }
    }
}
