using System.Collections.Generic;

namespace SmartlyQ.Video.Core.Models
{
    /// <summary><c>GET /me</c>: who the key belongs to and what it may do. Never holds the key itself.</summary>
    public sealed class AccountInfo
    {
        /// <summary><c>id</c> of the user, as text.</summary>
        public string? Id { get; init; }

        /// <summary><c>name</c>.</summary>
        public string? Name { get; init; }

        /// <summary><c>email</c>.</summary>
        public string? Email { get; init; }

        /// <summary><c>workspaces[].name</c>.</summary>
        public IReadOnlyList<string> Workspaces { get; init; } = new string[0];

        /// <summary><c>api_key.scopes</c>, e.g. <c>videos:write</c>; empty when the API does not say.</summary>
        public IReadOnlyList<string> Scopes { get; init; } = new string[0];
    }
}
