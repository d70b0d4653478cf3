using System;

namespace SmartlyQ.Video.Core.Api
{
    /// <summary>Builds request URIs relative to the base URI and compares origins.</summary>
    internal static class ApiUris
    {
        /// <summary>The base with exactly one trailing '/', so relative paths append instead of replacing <c>v1</c>.</summary>
        public static Uri NormalizeBase(Uri baseUri) => new Uri(baseUri.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/");

        /// <summary><paramref name="relative"/> is a path without leading '/', e.g. <c>jobs/abc</c>; it may carry a query.</summary>
        public static Uri Combine(Uri normalizedBase, string relative) => new Uri(normalizedBase, relative.TrimStart('/'));

        /// <summary>Same scheme, host and port: only then may the API key travel with a request.</summary>
        public static bool SameOrigin(Uri a, Uri b)
            => string.Equals(a.Scheme, b.Scheme, StringComparison.OrdinalIgnoreCase)
               && string.Equals(a.IdnHost, b.IdnHost, StringComparison.OrdinalIgnoreCase)
               && a.Port == b.Port;

        /// <summary>The URL without query or fragment, for messages: signed CDN URLs carry tokens in the query.</summary>
        public static string WithoutQuery(Uri uri) => uri.GetLeftPart(UriPartial.Path);
    }
}
