using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using SmartlyQ.Video.Sandbox;

namespace SmartlyQ.Video.Tests.BadInput
{
    /// <summary>
    /// The sandbox's default model catalog (what <c>GET /videos/models</c> serves), so expected "allowed values" come
    /// from the emulated API rather than being copied into the tests.
    /// </summary>
    internal static class Catalog
    {
        public static readonly IReadOnlyList<SandboxModel> Models = new SandboxOptions().Models;

        public static SandboxModel Kling => Model("kling-v2-1");
        public static SandboxModel Pixverse => Model("pixverse-v4-5");
        public static SandboxModel Veo => Model("veo-3");
        public static SandboxModel Seedance => Model("seedance-1-pro");

        /// <summary>"kling-v2-1, pixverse-v4-5, veo-3, seedance-1-pro".</summary>
        public static string Ids => Join(Models.Select(m => m.Model));

        public static SandboxModel Model(string id)
            => Models.SingleOrDefault(m => m.Model == id) ?? throw new ArgumentException("The sandbox catalog has no model " + id + ".", nameof(id));

        public static string Join(IEnumerable<string> values) => string.Join(", ", values);

        public static string Join(IEnumerable<int> values) => Join(values.Select(v => v.ToString(CultureInfo.InvariantCulture)));
    }
}
