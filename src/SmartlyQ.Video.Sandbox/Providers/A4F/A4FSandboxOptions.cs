using System;
using System.Collections.Generic;

namespace SmartlyQ.Video.Sandbox
{
    /// <summary>The A4F emulator at <c>/a4f/v1</c> (section <c>Sandbox:A4F</c>): its keys and how long a generation takes.</summary>
    public sealed class A4FSandboxOptions
    {
        /// <summary>Accepted keys (<c>Authorization: Bearer ddc-a4f-…</c>); balances and scopes are ignored (A4F bills by plan). Default: <see cref="SandboxServer.A4FKey"/>.</summary>
        public List<SandboxKey> Keys { get; set; } = DefaultKeys();

        /// <summary>
        /// How long <c>POST video/generations</c> takes before it answers. Null (default): the shared job timing,
        /// <see cref="SandboxOptions.QueuedDuration"/> plus the processing time (fast in tests, seconds by default).
        /// </summary>
        public TimeSpan? Delay { get; set; }

        internal static List<SandboxKey> DefaultKeys() => new List<SandboxKey> { new SandboxKey { Key = SandboxServer.A4FKey } };
    }
}
