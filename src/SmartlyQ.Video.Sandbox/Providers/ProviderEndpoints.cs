using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SmartlyQ.Video.Sandbox.Api;
using SmartlyQ.Video.Sandbox.Auth;

namespace SmartlyQ.Video.Sandbox.Providers
{
    /// <summary>
    /// <c>GET /sandbox/providers</c>: <c>[{"name","baseUri","apiKey","rateLimitHeaders","synchronous"}]</c>, one per emulated API, with base URIs built from
    /// the request's own scheme and host. Sandbox-only, no auth, never faulted or counted.
    /// </summary>
    internal static class ProviderEndpoints
    {
        public static void Map(IEndpointRouteBuilder app)
        {
            app.MapGet("/sandbox/providers", (HttpContext context, ApiKeyRegistry keys) =>
            {
                var request = context.Request;
                var root = new Uri($"{request.Scheme}://{request.Host}{request.PathBase}/");
                var list = new JsonArray();
                foreach (var provider in Describe(root, keys))
                {
                    list.Add(new JsonObject
                    {
                        ["name"] = provider.Name,
                        ["baseUri"] = provider.BaseUri.ToString(),
                        ["apiKey"] = provider.ApiKey,
                        ["rateLimitHeaders"] = provider.RateLimitHeaders,
                        ["synchronous"] = provider.Synchronous,
                    });
                }
                return Results.Bytes(JsonSerializer.SerializeToUtf8Bytes(list, ApiJson.Options), "application/json; charset=utf-8");
            });
        }

        /// <summary>Every provider under <paramref name="root"/> (with trailing slash), SmartlyQ first.</summary>
        public static IReadOnlyList<SandboxProvider> Describe(Uri root, ApiKeyRegistry keys) =>
            ProviderProtocols.All.SelectMany(p => p.Listed.Select(api => new SandboxProvider(api.Name, new Uri(root, api.Path.TrimStart('/')), keys.FirstKey(p.Name), p.SendsRateLimitHeaders, p.Synchronous))).ToList();
    }
}
