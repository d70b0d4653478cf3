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

        /// <summary>
        /// A URL an API answered with, made absolute: as is when absolute; <c>/…</c> against <paramref name="apiRoot"/>'s
        /// origin; any other relative one against <paramref name="apiRoot"/> itself when <paramref name="pathRelative"/>,
        /// else none. Scheme-relative <c>//host/…</c> (another host, ambiguous) and anything not http(s) give null.
        /// </summary>
        public static Uri? ResolveAnswerUrl(Uri apiRoot, string? url, bool pathRelative)
        {
            if (string.IsNullOrWhiteSpace(url)) return null;
            string text = url!.Trim();
            Uri? result = null;
            if (text.StartsWith("//", StringComparison.Ordinal)) result = null;
            else if (text.StartsWith("/", StringComparison.Ordinal)) Uri.TryCreate(new Uri(apiRoot.GetLeftPart(UriPartial.Authority)), text, out result);
            else if (Uri.TryCreate(text, UriKind.Absolute, out Uri? absolute)) result = absolute;
            else if (pathRelative) Uri.TryCreate(apiRoot, text, out result);
            return result != null && (result.Scheme == Uri.UriSchemeHttps || result.Scheme == Uri.UriSchemeHttp) ? result : null;
        }

        private static readonly Regex UrlQuery = new Regex(@"(\b[a-zA-Z][a-zA-Z0-9+.-]*://[^\s?#""'<>]*)[?#][^\s""'<>)]*", RegexOptions.CultureInvariant);

        /// <summary>
        /// <paramref name="text"/> with the query and fragment of every absolute URL in it removed, for text that came
        /// from elsewhere (an exception message) before it reaches a log line.
        /// </summary>
        public static string StripQueries(string text) => string.IsNullOrEmpty(text) ? text : UrlQuery.Replace(text, "$1");
    }
}
