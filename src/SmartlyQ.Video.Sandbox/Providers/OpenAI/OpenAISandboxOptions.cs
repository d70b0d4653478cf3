using System.Collections.Generic;

namespace SmartlyQ.Video.Sandbox
{
    /// <summary>
    /// Settings of the OpenAI Videos emulator at <c>/openai/v1</c> (configuration section <c>Sandbox:OpenAI</c>, e.g.
    /// <c>--Sandbox:OpenAI:PollAfterMs=200</c>). Job timing, failures, chaos and the rate limit are the shared
    /// <see cref="SandboxOptions"/> ones.
    /// </summary>
    public sealed class OpenAISandboxOptions
    {
        /// <summary>
        /// Accepted keys (Bearer); each must start with <c>sk-</c>. Only <see cref="SandboxKey.Key"/> matters: OpenAI has
        /// no scopes and no wallet. Default: <see cref="SandboxServer.OpenAIKey"/>.
        /// </summary>
        public List<SandboxKey> Keys { get; set; } = DefaultKeys();

        /// <summary>Value of the <c>openai-poll-after-ms</c> header on every video answer (the SDK's poll interval); default 1000.</summary>
        public int PollAfterMs { get; set; } = 1000;

        /// <summary>
        /// USD per second of video recorded in the ledger as the usage cost of each video (OpenAI bills usage, there is
        /// no wallet to run dry). Default 0: the fact sheets give no price.
        /// </summary>
        public decimal PricePerSecond { get; set; }

        internal static List<SandboxKey> DefaultKeys() => new List<SandboxKey> { new SandboxKey { Key = SandboxServer.OpenAIKey } };
    }
}
