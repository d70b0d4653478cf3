using System.Collections.Generic;

namespace SmartlyQ.Video.Sandbox
{
    /// <summary>
    /// An API key the sandbox accepts. The mode (live/test) follows from the prefix
    /// <c>sqk_live_</c> / <c>sqk_test_</c>; the scope <c>*</c> grants every scope.
    /// </summary>
    public sealed class SandboxKey
    {
        /// <summary>The bearer token, e.g. <c>sqk_live_…</c>.</summary>
        public string Key { get; set; } = "";

        /// <summary>Granted scopes such as <c>videos:write</c>, or <c>*</c> for all.</summary>
        public List<string> Scopes { get; set; } = new List<string> { "*" };

        /// <summary>Starting wallet balance in SQC. Test keys are never debited.</summary>
        public decimal Balance { get; set; } = 100m;
    }
}
