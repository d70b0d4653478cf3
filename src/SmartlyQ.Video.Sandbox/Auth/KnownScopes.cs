using System.Collections.Generic;

namespace SmartlyQ.Video.Sandbox.Auth
{
    /// <summary>Scope names of the OpenAPI scope table plus the webhooks scopes (API doc §2).</summary>
    internal static class KnownScopes
    {
        public const string VideosRead = "videos:read";
        public const string VideosWrite = "videos:write";
        public const string JobsRead = "jobs:read";

        public static readonly IReadOnlyList<string> All = new[]
        {
            "articles:read", "articles:write", "images:read", "images:write",
            VideosRead, VideosWrite, "social:read", "social:write", "audio:read", "audio:write",
            "urls:read", "urls:write", "captain:use", "chatbot:use", "media:read", "media:write",
            "analytics:read", JobsRead, "seo:read", "webhooks:read", "webhooks:write",
        };
    }
}
