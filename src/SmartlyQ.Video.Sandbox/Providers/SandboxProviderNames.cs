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

        /// <summary>A new-api gateway at <c>/newapi</c>: its task endpoint <c>/newapi/v1/video/generations</c> (and <c>/v1/videos</c>).</summary>
        public const string NewApi = "NewApi";

        /// <summary>Kling through the new-api gateway, <c>/newapi/kling/v1/videos/…</c> (same key as <see cref="NewApi"/>).</summary>
        public const string Kling = "Kling";

        /// <summary>Jimeng through the new-api gateway, <c>/newapi/jimeng/?Action=…</c> (same key as <see cref="NewApi"/>).</summary>
        public const string Jimeng = "Jimeng";

        /// <summary>The A4F-style synchronous <c>/a4f/v1/video/generations</c>.</summary>
        public const string A4F = "A4F";
    }
}
