namespace SmartlyQ.Video.Sandbox.Chaos
{
    /// <summary>Fault kinds as counter indexes; same order as <see cref="ChaosFaultKinds.All"/>.</summary>
    internal enum ChaosFault
    {
        ServerError,
        RateLimitBurst,
        ConnectionReset,
        AcceptThenDrop,
        SlowResponse,
        TruncatedDownload,
        WrongContentLength,
        ProviderFailure,
    }
}
