namespace SmartlyQ.Video.Sandbox
{
    /// <summary>
    /// Names of the APIs the sandbox emulates, as <c>GET /sandbox/providers</c> lists them and
    /// <see cref="SandboxServer.ProviderBaseUri"/> and the ledger's <see cref="SandboxLedgerEntry.Provider"/> use them.
    /// </summary>
    public static class SandboxProviderNames
    {
        /// <summary>The SmartlyQ API at <c>/v1</c> (files at <c>/files</c>).</summary>
        public const string SmartlyQ = "SmartlyQ";

        /// <summary>The OpenAI Videos API at <c>/openai/v1</c>.</summary>
        public const string OpenAI = "OpenAI";

        /// <summary>The NanoGPT video API at <c>/nanogpt/api</c>.</summary>
        public const string NanoGpt = "NanoGPT";
    }
}
