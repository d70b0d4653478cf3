using System;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;

namespace SmartlyQ.Video.Sandbox.Api
{
    /// <summary>The per-request id shared by <c>meta.request_id</c> and the <c>X-Request-Id</c> header.</summary>
    internal static class RequestIds
    {
        private const string ItemKey = "SmartlyQ.Sandbox.RequestId";
        public const string HeaderName = "X-Request-Id";

        public static string Get(HttpContext context)
        {
            if (context.Items.TryGetValue(ItemKey, out var existing) && existing is string id) return id;
            id = "req_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
            context.Items[ItemKey] = id;
            return id;
        }
    }
}
