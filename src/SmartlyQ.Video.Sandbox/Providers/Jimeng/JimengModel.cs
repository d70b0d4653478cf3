using System.Collections.Generic;

namespace SmartlyQ.Video.Sandbox.Providers.Jimeng
{
    /// <summary>
    /// A req_key the emulated Jimeng channel serves: which video types it makes, the seconds it renders (3.0 models take
    /// <c>frames</c> 121 or 241 for 5 or 10 s; 2.0 models render 5 s and ignore frames) and its USD price per second
    /// (the sandbox's own).
    /// </summary>
    internal sealed record JimengModel(string ReqKey, bool TextToVideo, bool ImageToVideo, bool TakesFrames, decimal PricePerSecond);
}
