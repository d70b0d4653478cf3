using System;
using System.IO;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace SmartlyQ.Video.Sandbox.Chaos
{
    /// <summary>
    /// Aborting right after a write can lose bytes still queued inside Kestrel (Abort closes the socket without
    /// draining its output pipe). Flushing, then waiting briefly, lets what was written reach the client first,
    /// so it reliably sees the headers and the partial body before the connection drops.
    /// </summary>
    internal static class ChaosAbort
    {
        public static readonly TimeSpan DeliveryGrace = TimeSpan.FromMilliseconds(100);

        public static async Task AfterDeliveryAsync(HttpContext context, Stream body)
        {
            try
            {
                await body.FlushAsync(context.RequestAborted);
                await Task.Delay(DeliveryGrace, context.RequestAborted);
            }
            catch (OperationCanceledException) { }
            catch (IOException) { }
            context.Abort();
        }
    }
}
