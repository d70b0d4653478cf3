using System.Collections.Generic;

namespace SmartlyQ.Video.Sandbox
{
    /// <summary>
    /// Settings of the new-api gateway emulator at <c>/newapi</c> (configuration section <c>Sandbox:NewApi</c>, e.g.
    /// <c>--Sandbox:NewApi:Keys:0:Key=sk-… --Sandbox:NewApi:Keys:0:Balance=5</c>). One key serves every dialect under
    /// <c>/newapi</c>, as in a real deployment. Job timing, failures, chaos and the rate limit are the shared ones.
    /// </summary>
    public sealed class NewApiSandboxOptions
    {
        /// <summary>
        /// Accepted keys (<c>Authorization</c>, <c>Bearer </c> optional). <see cref="SandboxKey.Balance"/> is the quota in
        /// USD each job is debited from (refunded when it fails); scopes are ignored. Default: <see cref="SandboxServer.NewApiKey"/> with 100 USD.
        /// </summary>
        public List<SandboxKey> Keys { get; set; } = DefaultKeys();

        internal static List<SandboxKey> DefaultKeys() => new List<SandboxKey> { new SandboxKey { Key = SandboxServer.NewApiKey, Balance = 100m } };
    }
}
