using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using SmartlyQ.Video.Sandbox.Api;

namespace SmartlyQ.Video.Sandbox.Chaos
{
    /// <summary>
    /// An injected 500/502/503. JSON bodies use the documented error envelope with <c>INTERNAL_ERROR</c> (the only
    /// documented 5xx code); HTML bodies imitate a gateway (nginx) page, which a client must survive without parsing.
    /// </summary>
    internal static class ServerErrorFault
    {
        public static Task WriteAsync(HttpContext context, int status, bool html)
        {
            var reason = ReasonPhrase(status);
            context.Response.Headers.Remove("Retry-After");
            if (html)
            {
                var page = Encoding.UTF8.GetBytes(
                    $"<html>\r\n<head><title>{status} {reason}</title></head>\r\n<body>\r\n<center><h1>{status} {reason}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n");
                context.Response.StatusCode = status;
                context.Response.ContentType = "text/html";
                context.Response.ContentLength = page.Length;
                return context.Response.Body.WriteAsync(page, context.RequestAborted).AsTask();
            }

            var codes = context.RequestServices.GetRequiredService<ErrorCodeBook>();
            var body = new JsonObject
            {
                ["success"] = false,
                ["error"] = new JsonObject
                {
                    ["code"] = codes.Code(ApiErrorKind.Internal),
                    ["message"] = $"{reason} (injected by the sandbox's chaos mode). Retry the request.",
                    ["details"] = new JsonObject { ["fault"] = ChaosFaultKinds.ServerError },
                },
            };
            return Envelope.WriteAsync(context, status, body);
        }

        private static string ReasonPhrase(int status) => status switch
        {
            502 => "Bad Gateway",
            503 => "Service Temporarily Unavailable",
            _ => "Internal Server Error",
        };
    }
}
