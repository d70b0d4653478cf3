using System;
using System.Text.RegularExpressions;

namespace SmartlyQ.Video.Core.Transport
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

        private static readonly Regex UrlQuery = new Regex(@"(\b[a-zA-Z][a-zA-Z0-9+.-]*://[^\s?#""'<>]*)[?#][^\s""'<>)]*", RegexOptions.CultureInvariant);

        /// <summary>
        /// <paramref name="text"/> with the query and fragment of every absolute URL in it removed, for text that came
        /// from elsewhere (an exception message) before it reaches a log line.
        /// </summary>
        public static string StripQueries(string text) => string.IsNullOrEmpty(text) ? text : UrlQuery.Replace(text, "$1");
    }
}
