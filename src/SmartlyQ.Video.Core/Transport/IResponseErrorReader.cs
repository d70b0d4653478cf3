namespace SmartlyQ.Video.Core.Transport
{
    /// <summary>
    /// One API's error envelope: turns an error answer into a <see cref="Providers.VideoApiException"/>, and finds
    /// the request id in any answer. The transport redacts the key from the body before the reader sees it and from
    /// the exception's message afterwards.
    /// </summary>
    internal interface IResponseErrorReader
    {
        /// <summary>The exception for a non-2xx <paramref name="response"/> to <paramref name="operation"/> (e.g. <c>GET /jobs/x</c>); never throws.</summary>
        Providers.VideoApiException Read(TransportResponse response, string operation);

        /// <summary>The answer's request id as this API names it (a header such as <c>x-request-id</c>); null when none.</summary>
        string? RequestId(TransportResponse response);
    }
}
