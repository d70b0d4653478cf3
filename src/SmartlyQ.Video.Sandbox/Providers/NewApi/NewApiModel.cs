using System.Collections.Generic;

namespace SmartlyQ.Video.Sandbox.Providers.NewApi
{
    /// <summary>
    /// A model of the emulated gateway's list (<c>GET /newapi/v1/models</c>): its id, the endpoint types new-api lists
    /// for it (<c>openai-video</c> for a video model), the channel type that serves it (<c>platform</c> in the task
    /// envelope, new-api's stringified channel type) and its USD price per second of video (null: not a video model).
    /// <paramref name="Proxied"/>: the channel gives no video URL (OpenAI/Sora), so <c>result_url</c> is the gateway's
    /// own content proxy; otherwise it is the upstream's URL (Kling, Jimeng), which needs no token.
    /// </summary>
    internal sealed record NewApiModel(string Id, string OwnedBy, IReadOnlyList<string> EndpointTypes, string Platform, decimal? PricePerSecond, bool Proxied)
    {
        public bool IsVideo => PricePerSecond != null;
    }
}
