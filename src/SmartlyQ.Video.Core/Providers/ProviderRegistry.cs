using System;
using System.Collections.Generic;

namespace SmartlyQ.Video.Core.Providers
{
    /// <summary>Every provider the module can connect to, by name (Connect-SmartlyQ <c>-Provider</c>).</summary>
    public static class ProviderRegistry
    {
        /// <summary>The provider used when none is named.</summary>
        public const string DefaultName = "SmartlyQ";

        /// <summary>Every registered provider, in the order completion offers them.</summary>
        public static IReadOnlyList<ProviderEntry> All { get; } = new[] { SmartlyQ.SmartlyQProvider.Entry, OpenAI.OpenAIProvider.Entry, NanoGPT.NanoGptProvider.Entry, NewApi.NewApiProvider.Entry, Kling.KlingProvider.Entry, Jimeng.JimengProvider.Entry, A4F.A4FProvider.Entry };

        /// <summary>The entry named <paramref name="name"/> (case-insensitive); null when none is.</summary>
        public static ProviderEntry? Find(string? name)
        {
            if (string.IsNullOrWhiteSpace(name)) return null;
            foreach (ProviderEntry entry in All)
                if (string.Equals(entry.Name, name!.Trim(), StringComparison.OrdinalIgnoreCase)) return entry;
            return null;
        }
    }
}
