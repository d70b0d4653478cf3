using System;
using System.Net.Http;
using SmartlyQ.Video.Core.Pacing;

namespace SmartlyQ.Video.Core.Transport
{
    /// <summary>One API's rate-limit headers, read into the pacer's neutral <see cref="RateLimitInfo"/>.</summary>
    internal interface IRateLimitReader
    {
        /// <summary>What <paramref name="response"/>, received at <paramref name="now"/>, says about the key's budget; <c>default</c> when nothing. Never throws.</summary>
        RateLimitInfo Read(HttpResponseMessage response, DateTimeOffset now);
    }
}
