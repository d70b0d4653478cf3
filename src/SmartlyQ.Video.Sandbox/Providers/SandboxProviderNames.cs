namespace SmartlyQ.Video.Sandbox
{
    /// <summary>
    /// Names of the APIs the sandbox emulates, as <c>GET /sandbox/providers</c> lists them and
    /// <c>SandboxServer.ProviderBaseUri</c> and the ledger use them.
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
