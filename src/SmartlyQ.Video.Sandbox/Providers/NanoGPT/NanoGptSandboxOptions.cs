using System.Collections.Generic;

namespace SmartlyQ.Video.Sandbox
{
    /// <summary>
    /// Settings of the NanoGPT video emulator at <c>/nanogpt/api</c> (configuration section <c>Sandbox:NanoGpt</c>, e.g.
    /// <c>--Sandbox:NanoGpt:Keys:0:Key=sk-nano-… --Sandbox:NanoGpt:Keys:0:Balance=5</c>). Job timing, failures, chaos and
    /// the rate limit are the shared <see cref="SandboxOptions"/> ones.
    /// </summary>
    public sealed class NanoGptSandboxOptions
    {
        /// <summary>
        /// Accepted keys (<c>x-api-key</c> or <c>Authorization: Bearer</c>); any non-empty string, like NanoGPT's
        /// <c>sk-nano-&lt;uuid&gt;</c> and legacy plain-UUID keys. <see cref="SandboxKey.Balance"/> is the USD balance each
        /// job is debited from (refunded when it fails); scopes are ignored. Default: <see cref="SandboxServer.NanoGptKey"/> with 100 USD.
        /// </summary>
        public List<SandboxKey> Keys { get; set; } = DefaultKeys();

        internal static List<SandboxKey> DefaultKeys() => new List<SandboxKey> { new SandboxKey { Key = SandboxServer.NanoGptKey, Balance = 100m } };
    }
}
