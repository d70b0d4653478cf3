using System.Text;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using SmartlyQ.Video.Sandbox.Providers;

namespace SmartlyQ.Video.Sandbox.Chaos
{
    /// <summary>
    /// An injected 500/502/503. JSON bodies use the error envelope of the provider the path belongs to; HTML bodies
    /// imitate a gateway (nginx) page, which a client must survive without parsing.
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

            return ProviderProtocols.ForErrors(context.Request.Path).WriteServerErrorAsync(context, status, reason);
        }

        private static string ReasonPhrase(int status) => status switch
        {
            502 => "Bad Gateway",
            503 => "Service Temporarily Unavailable",
            _ => "Internal Server Error",
        };
    }
}
