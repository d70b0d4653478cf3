using System.Collections.Generic;
using Microsoft.AspNetCore.Http;
using SmartlyQ.Video.Sandbox.Providers.A4F;
using SmartlyQ.Video.Sandbox.Providers.NanoGPT;
using SmartlyQ.Video.Sandbox.Providers.NewApi;
using SmartlyQ.Video.Sandbox.Providers.OpenAI;
using SmartlyQ.Video.Sandbox.Providers.SmartlyQ;

namespace SmartlyQ.Video.Sandbox.Providers
{
    /// <summary>The emulated APIs and which one a request path belongs to (by path prefix; the prefixes never overlap).</summary>
    internal static class ProviderProtocols
    {
        public static readonly ProviderProtocol SmartlyQ = new SmartlyQProtocol();

        public static readonly ProviderProtocol OpenAI = new OpenAIProtocol();

        public static readonly ProviderProtocol NanoGpt = new NanoGptProtocol();

        public static readonly ProviderProtocol NewApi = new NewApiProtocol();

        public static readonly ProviderProtocol A4F = new A4FProtocol();

        /// <summary>Every provider, SmartlyQ first.</summary>
        public static readonly IReadOnlyList<ProviderProtocol> All = new[] { SmartlyQ, OpenAI, NanoGpt, NewApi, A4F };

        /// <summary>The provider owning <paramref name="path"/>, or null (e.g. <c>/sandbox/…</c>, unknown paths).</summary>
        public static ProviderProtocol? Match(PathString path)
        {
            foreach (var provider in All)
                if (provider.Owns(path)) return provider;
            return null;
        }

        /// <summary>Like <see cref="Match"/>, but paths of no provider get SmartlyQ's envelope (what the sandbox always answered there).</summary>
        public static ProviderProtocol ForErrors(PathString path) => Match(path) ?? SmartlyQ;

        public static ProviderProtocol? Find(string name)
        {
            foreach (var provider in All)
                if (string.Equals(provider.Name, name, System.StringComparison.OrdinalIgnoreCase)) return provider;
            return null;
        }
    }
}
