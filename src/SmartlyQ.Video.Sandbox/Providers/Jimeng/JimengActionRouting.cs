using System;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using SmartlyQ.Video.Sandbox.Providers.NewApi;

namespace SmartlyQ.Video.Sandbox.Providers.Jimeng
{
    /// <summary>
    /// Before routing: <c>POST /newapi/jimeng/?Action=CVSync2AsyncSubmitTask|CVSync2AsyncGetResult</c> is routed to
    /// <c>/newapi/jimeng/{Action}</c>, as new-api's converter rewrites the request to its task relay
    /// (<c>middleware/jimeng_adapter.go</c>). That gives each action its own endpoint, chaos route name and stats group.
    /// A request without a known Action stays on <c>/newapi/jimeng/</c>, where the converter's 400 answers it.
    /// </summary>
    internal static class JimengActionRouting
    {
        public const string RoutePath = NewApiProtocol.BasePath + "/jimeng";
        public const string SubmitAction = "CVSync2AsyncSubmitTask";
        public const string GetResultAction = "CVSync2AsyncGetResult";

        private const string RoutedKey = "SmartlyQ.Sandbox.JimengAction";

        public static IApplicationBuilder UseJimengActionRouting(this IApplicationBuilder app) => app.Use(next => context =>
        {
            if (HttpMethods.IsPost(context.Request.Method)
                && (context.Request.Path == RoutePath || context.Request.Path == RoutePath + "/")
                && context.Request.Query["Action"].ToString() is var action
                && (action == SubmitAction || action == GetResultAction))
            {
                context.Items[RoutedKey] = action;
                context.Request.Path = RoutePath + "/" + action;
            }
            return next(context);
        });

        /// <summary>True when the request came in as <c>/jimeng/?Action=…</c> (a client posting to <c>/jimeng/{Action}</c> gets the gateway's 404).</summary>
        public static bool WasRouted(HttpContext context) => context.Items.ContainsKey(RoutedKey);

        /// <summary>The path as the client sent it, for messages.</summary>
        public static string OriginalPath(HttpContext context) => WasRouted(context) ? RoutePath + "/" : context.Request.Path.Value ?? "/";
    }
}
