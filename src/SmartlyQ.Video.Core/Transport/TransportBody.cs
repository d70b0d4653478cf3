using System.Net.Http;

namespace SmartlyQ.Video.Core.Transport
{
    /// <summary>A request body that can be built again for each attempt (an <see cref="HttpContent"/> is sent only once).</summary>
    internal abstract class TransportBody
    {
        /// <summary>A fresh content for one attempt; the request message that carries it disposes it.</summary>
        public abstract HttpContent CreateContent();
    }
}
