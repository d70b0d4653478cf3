using System.Collections.Generic;

namespace SmartlyQ.Video.Core.Providers.SmartlyQ
{
    /// <summary>Wire <c>api_key</c> of <c>GET /me</c>: <c>{"prefix","mode","scopes":[…]}</c>. Never the key itself.</summary>
    internal sealed class ApiKeyInfoDto
    {
        public List<string?>? Scopes { get; set; }
    }
}
