using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace SmartlyQ.Video.Core.Providers.SmartlyQ
{
    /// <summary>Wire <c>data</c> of <c>GET /me</c>: <c>{"id","name","email","workspaces":[{"id","name"}],"api_key":{"scopes"}}</c>.</summary>
    internal sealed class AccountDto
    {
        [JsonConverter(typeof(LenientStringConverter))]
        public string? Id { get; set; }

        [JsonConverter(typeof(LenientStringConverter))]
        public string? Name { get; set; }

        [JsonConverter(typeof(LenientStringConverter))]
        public string? Email { get; set; }

        public List<WorkspaceDto?>? Workspaces { get; set; }

        public ApiKeyInfoDto? ApiKey { get; set; }

        /// <summary>Scopes at the top level, in case the API puts them there.</summary>
        public List<string?>? Scopes { get; set; }
    }
}
